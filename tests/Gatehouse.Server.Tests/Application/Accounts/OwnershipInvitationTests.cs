using Gatehouse.Application;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Members;
using Gatehouse.Application.Organizations;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Actor = Gatehouse.Application.Actor;

namespace Gatehouse.Server.Tests.Application.Accounts;

/// <summary>
/// A new organization's first administrator: product support invites them with ownership, and on accepting they own it;
/// someone who is not an owner cannot offer ownership; product support can still change the owners after. Called without a
/// web host, on both stores.
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

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProductSupport_StillChangesTheOwners_AfterTheFirstAdministratorOwnsTheOrganization(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var support = host.Stranger with { IsPlatformOperator = true };
        var created = await host.RunAsync<CreateOrganizationHandler, Result<OrganizationDto>>(h =>
            h.HandleAsync(support, host.Origin, new CreateOrganizationCommand("Initech", null, 10)));
        var organizationId = created.Value.Id;
        var first = await JoinAsync(host, support, organizationId, "ada@initech.test", owner: true);
        var second = await JoinAsync(host, support, organizationId, "bo@initech.test", owner: false);

        var made = await host.RunAsync<ChangeOwnershipHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(support, host.Origin, new ChangeOwnershipCommand(organizationId, second, true)));
        var taken = await host.RunAsync<ChangeOwnershipHandler, Result<MemberDto?>>(h =>
            h.HandleAsync(support, host.Origin, new ChangeOwnershipCommand(organizationId, first, false)));

        Assert.True(made.Succeeded, made.ToString());
        Assert.True(taken.Succeeded, taken.ToString());
        await using var db = host.Db();
        var owners = await db.Members.Where(m => m.OrganizationId == organizationId && m.IsOwner).Select(m => m.Id).ToListAsync();
        Assert.Equal([second], owners);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.OrganizationId == organizationId && e.Action == "member.owner_changed"));
    }

    /// <summary>Invites <paramref name="email"/> as an administrator (an owner when <paramref name="owner"/>) and accepts: their member id.</summary>
    private static async Task<Guid> JoinAsync(UseCaseHost host, Actor support, Guid organizationId, string email, bool owner)
    {
        var sent = await InviteAsync(host, support, organizationId, email, owner);
        Assert.True(sent.Succeeded, sent.ToString());
        var link = host.Composer.Invitations[^1].Link;
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var accepted = await host.RunAsync<AcceptInvitationHandler, Result<AcceptedInvitation>>(h =>
            h.HandleAsync(host.Origin, new AcceptInvitationCommand(token, "New", "Admin", "correct horse battery")));
        Assert.True(accepted.Succeeded, accepted.ToString());
        return accepted.Value.MemberId;
    }
}
