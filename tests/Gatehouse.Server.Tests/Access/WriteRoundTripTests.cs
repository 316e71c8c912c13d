using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// Writes into one organization are serialized by its lock, so what a write does while it holds the lock bounds how
/// many writes per second an organization takes: each round trip to the database there costs every waiting writer.
/// These tests pin the round trips of the two commonest access changes (docs/benchmarks.md, issue 13) on PostgreSQL;
/// SQLite runs in the server's process, where a statement is no round trip.
/// </summary>
public sealed class WriteRoundTripTests
{
    [Fact]
    public async Task ReplacingAMembersAccess_MakesThreeRoundTripsAtMost_InsideTheOrganizationsLock()
    {
        // A server of its own: the recorder counts every transaction on the server's database.
        await using var app = await GatehouseApp.StartAsync("postgres");
        var s = await SeedDirectoryAsync(app);
        var admin = s.People["anna"].Client;
        var ben = s.People["ben"].MemberId;
        var version = (await admin.MemberAsync(s.Org, ben)).GetProperty("version").GetInt32();
        using var trips = TransactionRoundTrips.Start(app.ConnectionString);

        await (await admin.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P2 } }, version: version)).ExpectAsync(HttpStatusCode.OK);

        // The lock, the member with their user and grants, and the save (one batch; the notification rides on it through
        // the trigger on the organization's access version): what changed is patched in from memory, not read back.
        var write = Assert.Single(trips.Committed, t => t.Any(c => c.Contains("INSERT INTO", StringComparison.Ordinal)));
        Assert.True(write.Count <= 3, $"{write.Count} round trips:\n{string.Join("\n", write)}");
    }

    [Fact]
    public async Task AcceptingAnInvitation_MakesFiveRoundTripsAtMost_InsideTheOrganizationsLock()
    {
        await using var app = await GatehouseApp.StartAsync("postgres");
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere");
        var organization = await app.CreateOrganizationAsync("Here");
        var email = InvitationSupport.NewEmail("known");
        await app.SeedMemberAsync(elsewhere, email, [new GrantSpec("viewer", null)]);
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("member", null)]);
        var token = await app.TokenSentToAsync(email);
        using var trips = TransactionRoundTrips.Start(app.ConnectionString);

        await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token })).ExpectAsync(HttpStatusCode.Created);

        // The lock, the invitation, the account, the older emails about the invitation (superseded) and the save: no
        // seat count without a seat limit, no query for inline roles the organization does not have, none for the
        // account's other memberships here, no notification of its own and no reading back of the new member.
        var write = Assert.Single(trips.Committed, t => t.Any(c => c.Contains("INSERT INTO", StringComparison.Ordinal)));
        Assert.True(write.Count <= 5, $"{write.Count} round trips:\n{string.Join("\n", write)}");
    }
}
