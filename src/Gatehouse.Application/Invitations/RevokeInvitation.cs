using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Roles;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>Which invitation to withdraw.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
public sealed record RevokeInvitationCommand(Guid OrganizationId, Guid InvitationId);

/// <summary>
/// Withdraws a pending or expired invitation (needs what sending it needs: <c>members.invite</c> at every place it
/// offers, each offered role within the actor's own there, full access for a full-access offer); its link stops
/// working and its seat is freed.
/// </summary>
public sealed class RevokeInvitationHandler(OrganizationWork work)
{
    /// <summary>The invitation as revoked, or why it was not.</summary>
    public Task<Result<InvitationDto>> HandleAsync(Actor actor, Origin origin, RevokeInvitationCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => RevokeAsync(write, command), cancellationToken);

    private static async Task<Result<InvitationDto>> RevokeAsync(WriteContext write, RevokeInvitationCommand command)
    {
        if (await InvitationLookup.FindAsync(write.Db, command.OrganizationId, command.InvitationId) is not { } invitation)
        {
            return InvitationLookup.NotFound(command.InvitationId);
        }
        var decision = Core.Management.RevokeInvitation.Evaluate(write.Compiled, write.Policy, invitation);
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var before = InvitationViews.ToDto(invitation, write.Compiled, write.Policy, write.Now);
        if (invitation.Revoke(write.Now).Error is { } closed)
        {
            return Failure.From(closed, FailureKind.Conflict);
        }
        // A one-off role made for this invitation would otherwise stay behind with no one to hold it.
        var keys = invitation.Grants.Select(g => g.RoleKey).ToList();
        var inlineRoles = await write.Db.Roles.Where(r => r.OrganizationId == command.OrganizationId && r.Kind == RoleKind.Inline && r.InlineForMemberId == null
            && keys.Contains(r.Key)).ToListAsync();
        if (inlineRoles.Count > 0)
        {
            write.Db.Roles.RemoveRange(inlineRoles);
            write.MarkAccessChanged();
        }
        var dto = InvitationViews.ToDto(invitation, write.Compiled, write.Policy, write.Now);
        write.Audit(AuditActions.InvitationRevoked, "invitation", invitation.Id, new { before.Email, before.Status }, new { dto.Email, dto.Status });
        return dto;
    }
}
