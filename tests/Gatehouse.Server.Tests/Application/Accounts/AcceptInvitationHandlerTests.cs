using Gatehouse.Application;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Invitations;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Accounts;

/// <summary>Looking up and accepting an invitation with its emailed token, called directly without a web host, on both stores.</summary>
public sealed class AcceptInvitationHandlerTests
{
    private const string Password = "correct horse battery";

    /// <summary>The owner invites <paramref name="email"/> as a member; the token from the emailed link.</summary>
    private static async Task<string> InviteAsync(UseCaseHost host, string email)
    {
        var sent = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, host.OrganizationId, new CreateInvitationsRequest([email], null, [new GrantRequest("member", null)], false, null)));
        Assert.True(sent.Succeeded, sent.ToString());
        var link = host.Composer.Invitations[^1].Link;
        return link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
    }

    private static Task<Result<AcceptedInvitation>> Accept(UseCaseHost host, AcceptInvitationCommand command) =>
        host.RunAsync<AcceptInvitationHandler, Result<AcceptedInvitation>>(h => h.HandleAsync(host.Origin, command));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_WithAValidToken_MakesTheAccountAndMembership_AuditedAsTheInvitee_AndTheLinkIsUsedUp(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var token = await InviteAsync(host, "ada@acme.test");

        var offer = await host.RunAsync<LookupInvitationHandler, Result<InvitationOffer>>(h => h.HandleAsync(new LookupInvitationQuery(token)));
        var result = await Accept(host, new AcceptInvitationCommand(token, "Ada", "Lovelace", Password));
        var again = await Accept(host, new AcceptInvitationCommand(token));

        Assert.Equal(("ada@acme.test", false, (Failure?)null), (offer.Value.Email, offer.Value.AccountExists, offer.Value.Refusal));
        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Value.AccountCreated);
        Assert.Equal((FailureKind.Conflict, InvitationCodes.AlreadyUsed), (again.Failure?.Kind, again.Failure?.Code));
        await using var db = host.Db();
        var user = await db.Users.SingleAsync(u => u.Id == result.Value.UserId);
        Assert.Equal(("Ada", true), (user.FirstName, user.EmailVerifiedAt is not null));
        Assert.True(await db.Members.AnyAsync(m => m.Id == result.Value.MemberId && m.OrganizationId == host.OrganizationId));
        var accepted = await db.AuditEvents.SingleAsync(e => e.Action == "invitation.accepted");
        Assert.Equal((user.Id, "Ada Lovelace", "192.0.2.10"), (accepted.ActorUserId, accepted.ActorName, accepted.IpAddress));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_OfAnExpiredOrRevokedInvitation_IsGone_AndMakesNoAccount(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var expiring = await InviteAsync(host, "ex@acme.test");
        var revoking = await InviteAsync(host, "re@acme.test");
        await using (var db = host.Db())
        {
            await db.Invitations.Where(i => i.Email == "ex@acme.test").ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddDays(-1)));
            await db.Invitations.Where(i => i.Email == "re@acme.test").ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Revoked));
        }

        var expired = await Accept(host, new AcceptInvitationCommand(expiring, "Ex", "Pired", Password));
        var revoked = await Accept(host, new AcceptInvitationCommand(revoking, "Re", "Voked", Password));
        var unknown = await Accept(host, new AcceptInvitationCommand(expiring + "x", "Un", "Known", Password));

        Assert.Equal((FailureKind.Gone, InvitationCodes.Expired), (expired.Failure?.Kind, expired.Failure?.Code));
        Assert.Equal((FailureKind.Gone, InvitationCodes.Revoked), (revoked.Failure?.Kind, revoked.Failure?.Code));
        Assert.Equal((FailureKind.Gone, InvitationCodes.TokenInvalid), (unknown.Failure?.Kind, unknown.Failure?.Code));
        await using var check = host.Db();
        Assert.False(await check.Users.AnyAsync(u => u.NormalizedEmail == "ex@acme.test" || u.NormalizedEmail == "re@acme.test"));
        Assert.False(await check.AuditEvents.AnyAsync(e => e.Action == "invitation.accepted"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_WhenNoSeatIsFree_IsAConflict_SeatLimitReached_AndTheLookupSaysSo(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var token = await InviteAsync(host, "ada@acme.test");
        await using (var db = host.Db())
        {
            await db.Organizations.Where(o => o.Id == host.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.SeatLimit, 1));
        }

        var offer = await host.RunAsync<LookupInvitationHandler, Result<InvitationOffer>>(h => h.HandleAsync(new LookupInvitationQuery(token)));
        var result = await Accept(host, new AcceptInvitationCommand(token, "Ada", "Lovelace", Password));

        Assert.Equal(InvitationCodes.SeatLimitReached, offer.Value.Refusal?.Code);
        Assert.Equal((FailureKind.Conflict, InvitationCodes.SeatLimitReached), (result.Failure?.Kind, result.Failure?.Code));
        await using var check = host.Db();
        Assert.False(await check.Users.AnyAsync(u => u.NormalizedEmail == "ada@acme.test"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_WithAShortPassword_IsInvalid_NamingThePasswordField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var token = await InviteAsync(host, "ada@acme.test");

        var result = await Accept(host, new AcceptInvitationCommand(token, "Ada", "Lovelace", "short"));

        Assert.Equal((FailureKind.Invalid, "validation_failed"), (result.Failure?.Kind, result.Failure?.Code));
        Assert.Contains("password", result.Failure!.Fields.Keys);
    }
}
