using Gatehouse.Application;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Organizations;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Accounts;

/// <summary>
/// A new organization's first administrator: product support invites them with ownership, and on accepting they own it;
/// someone who is not an owner cannot offer ownership. Called without a web host, on both stores.
/// </summary>
public sealed class OwnershipInvitationTests
{
    private static Task<Result<List<InvitationDto>>> InviteAsync(UseCaseHost host, Actor actor, Guid organizationId, string email, bool owner) =>
        host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h => h.HandleAsync(actor, host.Origin, organizationId,
            new CreateInvitationsRequest([email], null, [new GrantRequest("admin", null)], false, null, owner)));

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheFirstAdministrator_InvitedAsOwner_OwnsTheNewOrganization_OnAccepting(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var support = host.Stranger with { IsPlatformOperator = true };
        var created = await host.RunAsync<CreateOrganizationHandler, Result<OrganizationDto>>(h =>
            h.HandleAsync(support, host.Origin, new CreateOrganizationCommand("Globex", null, 10)));
        var organizationId = created.Value.Id;

        var sent = await InviteAsync(host, support, organizationId, "ada@globex.test", owner: true);
        var link = host.Composer.Invitations[^1].Link;
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var accepted = await host.RunAsync<AcceptInvitationHandler, Result<AcceptedInvitation>>(h =>
            h.HandleAsync(host.Origin, new AcceptInvitationCommand(token, "Ada", "Admin", "correct horse battery")));

        Assert.True(sent.Succeeded, sent.ToString());
        Assert.Equal((true, true), (sent.Value[0].Owner, sent.Value[0].FullAccess));
        Assert.True(accepted.Succeeded, accepted.ToString());
        await using var db = host.Db();
        var member = await db.Members.SingleAsync(m => m.Id == accepted.Value.MemberId);
        Assert.Equal((true, true), (member.IsOwner, member.HasFullAccess));
        var audited = await db.AuditEvents.SingleAsync(e => e.Action == "invitation.accepted" && e.OrganizationId == organizationId);
        Assert.Contains("\"owner\":true", audited.After, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SomeoneWhoIsNotAnOwner_CannotOfferOwnership_OwnerOnly_OnTheOwnerField_AndNothingIsSent(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var refused = await InviteAsync(host, host.Viewer, host.OrganizationId, "mallory@acme.test", owner: true);

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.OwnerOnly, "owner"), (refused.Failure?.Kind, refused.Failure?.Code, refused.Failure?.Field));
        Assert.Empty(host.Composer.Invitations);
        await using var db = host.Db();
        Assert.False(await db.Invitations.AnyAsync());
    }
}
