using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Email;
using Gatehouse.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>Invitations of an organization: send, list, resend, revoke; accepting is in <see cref="InvitationAcceptance"/>.</summary>
public static class InvitationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/invitations").WithTags("Invitations")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", SendInvitations.HandleAsync)
            .WithSummary("Invites 1 to 50 people by email with the same grants and full-access flag; all or nothing. Each gets an email with a one-time link.")
            .Produces<List<InvitationDto>>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", InvitationList.ListAsync)
            .WithSummary("Lists invitations, newest first, in cursor pages: pending by default, or by 'status' (pending, accepted, revoked, expired, all). Each caller sees the invitations offering access where they hold 'members.view' or 'members.invite'.")
            .Produces<Page<InvitationDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{invitationId:guid}/resend", ResendAsync)
            .WithSummary("Sends a pending or expired invitation again with a new link and a new expiry (needs what sending it needs); the old link stops working.")
            .Produces<InvitationDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{invitationId:guid}/revoke", RevokeAsync)
            .WithSummary("Withdraws a pending or expired invitation (needs what sending it needs: 'members.invite' at every place it offers, each offered role within the caller's own there, full access for a full-access offer); its link stops working and its seat is freed.")
            .Produces<InvitationDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        InvitationAcceptance.Map(api);
    }

    internal static Task<IResult> ResendAsync(Guid organizationId, Guid invitationId, OrganizationWork work, HttpContext context,
        EmailComposer composer) =>
        work.RunAsync(organizationId, async write =>
        {
            if (await FindAsync(write.Db, organizationId, invitationId) is not { } invitation)
            {
                return NotFound(invitationId);
            }
            var decision = ResendInvitation.Evaluate(write.Compiled, write.Actor, invitation);
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            // An expired invitation stops holding a seat where pending ones count; sending it again takes one.
            if (invitation.StatusAt(write.Now) == InvitationStatus.Expired)
            {
                var usage = await Seats.CountAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, CancellationToken.None);
                if (usage.CanTake(usage.SeatsForSendingInvitation).Error is { } noSeat)
                {
                    return Problems.From(noSeat, StatusCodes.Status409Conflict);
                }
            }
            var before = SendInvitations.AuditView(InvitationViews.ToDto(invitation, write.Compiled, write.Actor, write.Now));
            var inviter = write.Actor.Kind == ActorKind.Member ? write.Compiled.FindMemberByUser(write.Actor.UserId)?.Entry : null;
            var resent = invitation.Resend(inviter?.MemberId ?? Guid.Empty, write.Now, write.Compiled.Model.Policies.InvitationLifetime);
            if (resent.Error is { } closed)
            {
                return Problems.From(closed, StatusCodes.Status409Conflict);
            }
            await InvitationEmail.QueueAsync(write, composer, InvitationEmail.Resent, invitation, inviter?.Name ?? InvitationViews.ProductSupport,
                InvitationEmail.LinkFor(resent.Value!, context));
            var dto = InvitationViews.ToDto(invitation, write.Compiled, write.Actor, write.Now);
            write.Audit(AuditActions.InvitationResent, "invitation", invitation.Id, before, SendInvitations.AuditView(dto));
            return TypedResults.Ok(dto);
        }, CancellationToken.None);

    internal static Task<IResult> RevokeAsync(Guid organizationId, Guid invitationId, OrganizationWork work) =>
        work.RunAsync(organizationId, async write =>
        {
            if (await FindAsync(write.Db, organizationId, invitationId) is not { } invitation)
            {
                return NotFound(invitationId);
            }
            var decision = RevokeInvitation.Evaluate(write.Compiled, write.Actor, invitation);
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            var before = InvitationViews.ToDto(invitation, write.Compiled, write.Actor, write.Now);
            if (invitation.Revoke(write.Now).Error is { } closed)
            {
                return Problems.From(closed, StatusCodes.Status409Conflict);
            }
            // A one-off role made for this invitation would otherwise stay behind with no one to hold it.
            var keys = invitation.Grants.Select(g => g.RoleKey).ToList();
            var inlineRoles = await write.Db.Roles.Where(r => r.OrganizationId == organizationId && r.Kind == RoleKind.Inline && r.InlineForMemberId == null && keys.Contains(r.Key)).ToListAsync();
            if (inlineRoles.Count > 0)
            {
                write.Db.Roles.RemoveRange(inlineRoles);
                write.MarkAccessChanged();
            }
            var dto = InvitationViews.ToDto(invitation, write.Compiled, write.Actor, write.Now);
            write.Audit(AuditActions.InvitationRevoked, "invitation", invitation.Id, new { before.Email, before.Status }, new { dto.Email, dto.Status });
            return TypedResults.Ok(dto);
        }, CancellationToken.None);

    internal static Task<Invitation?> FindAsync(GatehouseDb db, Guid organizationId, Guid invitationId) =>
        db.Invitations.SingleOrDefaultAsync(i => i.OrganizationId == organizationId && i.Id == invitationId);

    /// <summary>The answer for an unknown invitation.</summary>
    public static IResult NotFound(Guid invitationId) =>
        Problems.NotFound(ProblemCodes.InvitationNotFound, $"There is no invitation {invitationId} in this organization. List the invitations to find its id.");
}
