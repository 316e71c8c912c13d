using System.Globalization;
using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Hosting;

public sealed class MigrationTests
{
    private static readonly Guid Organization = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Scope = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    private static readonly Guid Ann = Guid.Parse("0190a000-0000-7000-8000-000000000003");
    private static readonly Guid Bob = Guid.Parse("0190a000-0000-7000-8000-000000000004");
    private static readonly Guid AnnMember = Guid.Parse("0190a000-0000-7000-8000-000000000005");
    private static readonly Guid BobMember = Guid.Parse("0190a000-0000-7000-8000-000000000006");

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DatabaseAtVersion1_WithData_UpgradesToLatest_WithTheDataIntact(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        var all = DatabaseMigrator.For(store == "postgres").Select(m => m.Version).ToList();
        Assert.True(all.Count >= 2);
        await using (var db = database.Open())
        {
            Assert.Equal([1], await DatabaseMigrator.MigrateAsync(db, targetVersion: 1));
            await ExecuteAsync(db, Version1Data(store == "postgres"));
        }

        await using (var db = database.Open())
        {
            Assert.Equal(all.Skip(1), await DatabaseMigrator.MigrateAsync(db));
            Assert.Equal(all, await DatabaseMigrator.AppliedVersionsAsync(db));
        }

        await using (var db = database.Open())
        {
            var organization = await db.Organizations.SingleAsync();
            Assert.Equal((Organization, "Legacy Co", "standard", (int?)10), (organization.Id, organization.Name, organization.Plan, organization.SeatLimit));
            Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.Zero), organization.CreatedAt);
            var users = await db.Users.OrderBy(u => u.Email).ToListAsync();
            Assert.Equal(["Ann@Legacy.example", "bob@legacy.example"], users.Select(u => u.Email));
            Assert.Equal(("Ann", "Lee", "+44 20 7946 0000"), (users[0].FirstName, users[0].LastName, users[0].Phone));
            Assert.All(users, u => Assert.Null(u.ErasedAt));
            var members = await db.Members.OrderBy(m => m.JoinedAt).Select(m => new
            {
                Member = m,
                SortName = EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName),
                Email = EF.Property<string>(m, GatehouseDb.MemberDirectory.Email),
                Kind = EF.Property<UserKind>(m, GatehouseDb.MemberDirectory.UserKind),
            }).ToListAsync();
            Assert.Equal([AnnMember, BobMember], members.Select(m => m.Member.Id));
            Assert.True(members[0].Member.IsOwner);
            Assert.Equal(MemberStatus.Deactivated, members[1].Member.Status);
            // The 0002 backfill: the directory columns hold what the application itself would write.
            Assert.Equal(["ann lee", "bob@legacy.example"], members.Select(m => m.SortName));
            Assert.Equal(users.Select(GatehouseDb.SortNameOf), members.Select(m => m.SortName));
            Assert.Equal(["ann@legacy.example", "bob@legacy.example"], members.Select(m => m.Email));
            Assert.All(members, m => Assert.Equal(UserKind.Person, m.Kind));
            Assert.Equal(2, await db.Grants.CountAsync());
            Assert.Equal("organization.created", (await db.AuditEvents.SingleAsync()).Action);

            // The access engine reads the upgraded data as it reads its own.
            var model = GatehouseHost.LoadAccessModel(new GatehouseOptions());
            var compiled = new CompiledOrganization(model, (await SnapshotLoader.LoadAsync(db, Organization, CancellationToken.None))!.Value.Snapshot);
            var viewProjects = model.Catalog.Resolve("projects.view");
            Assert.True(compiled.Check(Ann, viewProjects, Scope, null, TimeProvider.System));
            Assert.False(compiled.Check(Bob, viewProjects, Scope, null, TimeProvider.System)); // deactivated
            Assert.Equal("Workshop North", compiled.FindScope(Scope)?.Name);
        }

        await using (var db = database.Open())
        {
            // The upgraded schema takes new rows through the model, directory columns included.
            var carol = new User(Guid.CreateVersion7(), "carol@legacy.example", "Carol", "Diaz", DateTimeOffset.UtcNow);
            db.Users.Add(carol);
            db.Members.Add(new Member(Guid.CreateVersion7(), Organization, carol.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            Assert.Equal("carol diaz", await db.Members.Where(m => m.UserId == carol.Id).Select(m => EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName)).SingleAsync());
            Assert.Empty(await DatabaseMigrator.MigrateAsync(db));
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MigratingTwice_AppliesNothingTheSecondTime(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        var all = DatabaseMigrator.For(store == "postgres").Select(m => m.Version).ToList();
        await using var db = database.Open();

        Assert.Equal(all, await DatabaseMigrator.MigrateAsync(db));
        Assert.Empty(await DatabaseMigrator.MigrateAsync(db));
        Assert.Equal(all, await DatabaseMigrator.AppliedVersionsAsync(db));
    }

    [Fact]
    public async Task ParallelMigrations_OnPostgres_ApplyEachVersionOnce()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        var all = DatabaseMigrator.For(postgres: true).Select(m => m.Version).ToList();

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var db = database.Open();
            return await DatabaseMigrator.MigrateAsync(db);
        }));

        Assert.Equal(all, runs.SelectMany(r => r).Order());
        await using var check = database.Open();
        var history = await check.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM gatehouse_schema_history").ToListAsync();
        Assert.Equal(all, history.Order());
    }

    /// <summary>Runs a script on the context's connection, as it is (no placeholders).</summary>
    private static async Task ExecuteAsync(GatehouseDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows shaped like schema version 1 (no directory columns, no API keys), written as raw SQL the way an old build stored them.</summary>
    private static string Version1Data(bool postgres)
    {
        string Id(Guid id) => postgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
        string At(int year, int month, int day, int hour = 0, int minute = 0)
        {
            var at = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero);
            return postgres ? $"'{at:yyyy-MM-dd HH:mm:ss}+00'" : at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
        string Bool(bool value) => postgres ? (value ? "TRUE" : "FALSE") : (value ? "1" : "0");
        return $"""
            INSERT INTO organizations (id, name, plan, seat_limit, access_version, created_at) VALUES ({Id(Organization)}, 'Legacy Co', 'standard', 10, 3, {At(2024, 3, 1, 8, 30)});
            INSERT INTO scopes (organization_id, id, parent_id, name) VALUES ({Id(Organization)}, {Id(Scope)}, NULL, 'Workshop North');
            INSERT INTO users (id, kind, email, normalized_email, first_name, last_name, phone, locale, password_hash, security_stamp, email_verified_at, last_login_at, lockout_end, created_at)
                VALUES ({Id(Ann)}, 'Person', 'Ann@Legacy.example', 'ann@legacy.example', 'Ann', 'Lee', '+44 20 7946 0000', NULL, NULL, 'stamp1', {At(2024, 3, 1)}, {At(2024, 5, 1)}, NULL, {At(2024, 3, 1)});
            INSERT INTO users (id, kind, email, normalized_email, first_name, last_name, phone, locale, password_hash, security_stamp, email_verified_at, last_login_at, lockout_end, created_at)
                VALUES ({Id(Bob)}, 'Person', 'bob@legacy.example', 'bob@legacy.example', '', '', NULL, NULL, NULL, 'stamp2', NULL, NULL, NULL, {At(2024, 3, 2)});
            INSERT INTO members (organization_id, id, user_id, status, is_owner, has_full_access, managed_by, joined_at, deactivated_at, version)
                VALUES ({Id(Organization)}, {Id(AnnMember)}, {Id(Ann)}, 'Active', {Bool(true)}, {Bool(false)}, 'Gatehouse', {At(2024, 3, 1)}, NULL, 2);
            INSERT INTO members (organization_id, id, user_id, status, is_owner, has_full_access, managed_by, joined_at, deactivated_at, version)
                VALUES ({Id(Organization)}, {Id(BobMember)}, {Id(Bob)}, 'Deactivated', {Bool(false)}, {Bool(false)}, 'Gatehouse', {At(2024, 3, 2)}, {At(2024, 4, 1)}, 1);
            INSERT INTO grants (organization_id, id, member_id, role_key, scope_id) VALUES ({Id(Organization)}, {Id(Guid.CreateVersion7())}, {Id(AnnMember)}, 'admin', NULL);
            INSERT INTO grants (organization_id, id, member_id, role_key, scope_id) VALUES ({Id(Organization)}, {Id(Guid.CreateVersion7())}, {Id(BobMember)}, 'viewer', {Id(Scope)});
            INSERT INTO audit_events (id, organization_id, actor_user_id, actor_name, action, target_type, target_id, before, after, occurred_at, ip_address)
                VALUES ({Id(Guid.CreateVersion7())}, {Id(Organization)}, NULL, 'System', 'organization.created', 'organization', '{Organization}', NULL, '{"{"}"name":"Legacy Co"{"}"}', {At(2024, 3, 1, 8, 30)}, NULL);
            """;
    }
}
