using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// "Belongs to this organization alone" must still hold when the account is erased: an invitation accepted in another
/// organization at the same moment waits for the erasure (the account's row lock) and is then refused, rather than
/// joining an account that is being erased. On PostgreSQL, where two transactions really overlap (SQLite runs one writer).
/// </summary>
public sealed class Seed003DeleteAccountRaceTests
{
    [Fact]
    public async Task AnInvitationAcceptedElsewhere_WhileTheAccountIsDeleted_WaitsForTheErasure_AndIsRefused()
    {
        await using var app = await GatehouseApp.StartAsync("postgres", "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere Co");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec("administrator", null)]);
        var email = InvitationSupport.NewEmail("ted");
        var ted = await app.SeedMemberAsync(org, email, firstName: "Ted", lastName: "Technician");
        await app.Operator.InviteAsync(elsewhere, [email], [new GrantSpec("administrator", null)]);
        var token = await app.TokenSentToAsync(email);

        // Hold the erasure after it has locked the organization and the account: its first delete (Ted's API key) waits for us.
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var hold = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var keyLock = new NpgsqlCommand("SELECT id FROM api_keys WHERE user_id = @user FOR UPDATE", holder, hold))
        {
            keyLock.Parameters.AddWithValue("user", ted.UserId);
            await keyLock.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var deletion = admin.Client.DeleteAsync(MembersApi.Path(org, $"/{ted.MemberId}/account"), TestContext.Current.CancellationToken);
        await WaitForLockWaitersAsync(app, 1);
        var acceptance = app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token }, TestContext.Current.CancellationToken);
        await WaitForLockWaitersAsync(app, 2);
        await hold.RollbackAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, (await deletion).StatusCode);
        var accepted = await acceptance;
        Assert.True(accepted.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Gone,
            $"The acceptance answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.False(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.UserId == ted.UserId)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == elsewhere)));
        Assert.NotNull(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == ted.UserId).Select(u => u.ErasedAt).SingleAsync()));
    }

    [Fact]
    public async Task AnInvitationAcceptedElsewhere_BeforeTheDeletion_MakesItARefusal()
    {
        await using var app = await GatehouseApp.StartAsync("postgres", "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere Co");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec("administrator", null)]);
        var email = InvitationSupport.NewEmail("ted");
        var ted = await app.SeedMemberAsync(org, email, firstName: "Ted", lastName: "Technician");
        await app.Operator.InviteAsync(elsewhere, [email], [new GrantSpec("administrator", null)]);
        var token = await app.TokenSentToAsync(email);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await (await admin.Client.DeleteAsync(MembersApi.Path(org, $"/{ted.MemberId}/account"), TestContext.Current.CancellationToken))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "account_has_other_memberships");
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == ted.UserId)));
    }

    /// <summary>Waits until as many sessions of this server's database wait for a lock (the server's requests are then where the test wants them).</summary>
    private static async Task WaitForLockWaitersAsync(GatehouseApp app, int waiters)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock'", connection);
            count.Parameters.AddWithValue("db", database!);
            if ((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= waiters)
            {
                return;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"Fewer than {waiters} requests waited for a lock within 15 s.");
    }
}
