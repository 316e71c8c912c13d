using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The server prepares its PostgreSQL statements automatically, unless the operator's connection string says otherwise.</summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public void Defaults_AreAdded_WhenTheConnectionStringDoesNotNameThem()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Username=gatehouse"));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.Equal("db", applied.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;Auto Prepare Min Usages=7")]
    [InlineData("Host=db;maxautoprepare=0;AUTO PREPARE MIN USAGES=7")]
    public void OperatorsSetting_Wins(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.Equal(7, applied.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task ColumnAddedByAnotherNodesMigration_LeavesARunningNodesPreparedStatementsWorking()
    {
        // A newer node's migration adds columns while this node serves with statements prepared on its pooled connections.
        // Its statements name their columns (EF Core projects them, also around the row locks' SELECT *), so PostgreSQL
        // replans them and their result type stays; only a changed column type would fail one execution per connection
        // (Npgsql then prepares it again), and Gatehouse's migrations only add (README, Migrations).
        await using var app = await GatehouseApp.StartAsync("postgres");
        var organization = await app.CreateOrganizationAsync("Prepared");
        var member = await app.SeedMemberAsync(organization, $"prepared-{Guid.NewGuid():N}@example.com", [new("member", null)]);
        var prepared = await app.InDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(); // one physical connection: prepared statements are per session
            for (var i = 0; i < 3; i++)
            {
                await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleAsync();
            }
            return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync();
        });
        Assert.True(prepared > 0, "the repeated query was not prepared");
        await ReadAndWriteAsync(app, organization, member);

        await using (var other = new NpgsqlConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            await using var migration = new NpgsqlCommand("ALTER TABLE users ADD COLUMN probe TEXT NULL; ALTER TABLE members ADD COLUMN probe TEXT NULL; " +
                "ALTER TABLE organizations ADD COLUMN probe TEXT NULL", other);
            await migration.ExecuteNonQueryAsync();
        }

        await ReadAndWriteAsync(app, organization, member);
        var name = await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.LastName).SingleAsync());
        Assert.Equal("Second2", name);
    }

    // A read, and a write through the row locks' SELECT * FOR UPDATE, each three times: prepared after the second.
    private static async Task ReadAndWriteAsync(GatehouseApp app, Guid organization, SeededMember member)
    {
        var round = await app.InDatabaseAsync(db => db.Users.CountAsync(u => u.Id == member.UserId && u.LastName.StartsWith("First"))) > 0 ? "Second" : "First";
        for (var i = 0; i < 3; i++)
        {
            await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}")).ExpectAsync(HttpStatusCode.OK);
            await (await member.Client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
            await (await app.Operator.PutAsJsonAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/details",
                new { firstName = "Prepared", lastName = round + i, phone = (string?)null })).ExpectAsync(HttpStatusCode.OK);
        }
    }
}
