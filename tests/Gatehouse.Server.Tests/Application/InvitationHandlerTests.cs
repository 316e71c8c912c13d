using Gatehouse.Application;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Work;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application;

/// <summary>The invitation use cases called directly, without a web host, on both stores.</summary>
public sealed class InvitationHandlerTests
{
    private static CreateInvitationsRequest Invite(params string[] emails) => new([.. emails], null, [new GrantRequest("member", null)], false, null);

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Send_ByTheOwner_StoresTheInvitation_ItsAuditEvent_AndAnEmailLinkOnThePublicUrl(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, host.OrganizationId, Invite("ada@acme.test", "bo@acme.test")));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["ada@acme.test", "bo@acme.test"], result.Value.Select(i => i.Email));
        await using var db = host.Db();
        Assert.Equal(2, await db.Invitations.CountAsync(i => i.Status == InvitationStatus.Pending));
        var events = await db.AuditEvents.Where(e => e.Action == "invitation.sent").ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((host.Owner.UserId, "192.0.2.10"), (e.ActorUserId, e.IpAddress)));
        Assert.Equal(2, await db.Outbox.CountAsync());
        Assert.All(host.Composer.Invitations, mail => Assert.StartsWith(UseCaseHost.PublicUrl + "/invitations/accept?token=", mail.Link, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Send_ByAViewer_IsForbidden_AndLeavesNothingBehind(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, host.OrganizationId, Invite("ada@acme.test")));

        Assert.Equal((FailureKind.Forbidden, ManagementCodes.MissingPermission), (result.Failure?.Kind, result.Failure?.Code));
        await using var db = host.Db();
        Assert.Equal((0, 0, 0), (await db.Invitations.CountAsync(), await db.AuditEvents.CountAsync(), await db.Outbox.CountAsync()));
        Assert.Empty(host.Composer.Invitations);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Send_WithABadAddress_IsInvalid_NamingItsField(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var result = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, host.OrganizationId, Invite("ada@acme.test", "not an address")));

        Assert.Equal(FailureKind.Invalid, result.Failure?.Kind);
        Assert.Equal(["emails[1]"], result.Failure!.Fields.Keys);
        await using var db = host.Db();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Send_ByANonMember_IsNotFound_LikeAnUnknownOrganization(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);

        var stranger = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Stranger, host.Origin, host.OrganizationId, Invite("ada@acme.test")));
        var unknown = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, Guid.NewGuid(), Invite("ada@acme.test")));

        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (stranger.Failure?.Kind, stranger.Failure?.Code));
        Assert.Equal((FailureKind.NotFound, WorkCodes.OrganizationNotFound), (unknown.Failure?.Kind, unknown.Failure?.Code));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revoke_ThenResend_IsAConflict_AndTheListShowsItRevoked(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var sent = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, host.OrganizationId, Invite("ada@acme.test")));
        var id = sent.Value.Single().Id;

        var revoked = await host.RunAsync<RevokeInvitationHandler, Result<InvitationDto>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new RevokeInvitationCommand(host.OrganizationId, id)));
        var resent = await host.RunAsync<ResendInvitationHandler, Result<InvitationDto>>(h =>
            h.HandleAsync(host.Owner, host.Origin, new ResendInvitationCommand(host.OrganizationId, id)));
        var listed = await host.RunAsync<ListInvitationsHandler, Result<Gatehouse.Application.Paging.Page<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, new ListInvitationsQuery(host.OrganizationId, "all")));

        Assert.Equal(InvitationStatus.Revoked, revoked.Value.Status);
        Assert.Equal((FailureKind.Conflict, ManagementCodes.InvitationClosed), (resent.Failure?.Kind, resent.Failure?.Code));
        Assert.Equal([(id, InvitationStatus.Revoked)], listed.Value.Items.Select(i => (i.Id, i.Status)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Resend_ByAViewer_IsForbidden_AndTheOldLinkStaysTheOnlyEmail(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var sent = await host.RunAsync<SendInvitationsHandler, Result<List<InvitationDto>>>(h =>
            h.HandleAsync(host.Owner, host.Origin, host.OrganizationId, Invite("ada@acme.test")));

        var resent = await host.RunAsync<ResendInvitationHandler, Result<InvitationDto>>(h =>
            h.HandleAsync(host.Viewer, host.Origin, new ResendInvitationCommand(host.OrganizationId, sent.Value.Single().Id)));

        Assert.Equal(FailureKind.Forbidden, resent.Failure?.Kind);
        await using var db = host.Db();
        Assert.Equal(1, await db.Outbox.CountAsync());
        Assert.Equal(0, (await db.Invitations.SingleAsync()).ResendCount);
    }
}
