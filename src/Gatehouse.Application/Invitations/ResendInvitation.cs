using Gatehouse.Application.Email;
using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;

namespace Gatehouse.Application.Invitations;

/// <summary>Which invitation to send again.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
public sealed record ResendInvitationCommand(Guid OrganizationId, Guid InvitationId);

/// <summary>
/// Sends a pending or expired invitation again with a new link and a new expiry; the old link stops working. Needs what
/// sending it needs, and a seat when the invitation had expired (an expired one stops holding its seat).
/// </summary>
public sealed class ResendInvitationHandler(OrganizationWork work, IEmailComposer composer)
{
    /// <summary>The invitation as resent, or why it was not.</summary>
    public Task<Result<InvitationDto>> HandleAsync(Actor actor, Origin origin, ResendInvitationCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => ResendAsync(write, command), cancellationToken);

    private async Task<Result<InvitationDto>> ResendAsync(WriteContext write, ResendInvitationCommand command)
    {
        if (await InvitationLookup.FindAsync(write.Db, command.OrganizationId, command.InvitationId) is not { } invitation)
        {
            return InvitationLookup.NotFound(command.InvitationId);
        }
        var decision = ResendInvitation.Evaluate(write.Compiled, write.Policy, invitation);
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (invitation.StatusAt(write.Now) == InvitationStatus.Expired)
        {
            if ((await SeatCount.CanTakeAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, u => u.SeatsForSendingInvitation, CancellationToken.None)).Error is { } noSeat)
            {
                return Failure.From(noSeat, FailureKind.Conflict);
            }
        }
        var before = SendInvitationsHandler.AuditView(InvitationViews.ToDto(invitation, write.Compiled, write.Policy, write.Now));
        var inviter = write.Policy.Kind == ActorKind.Member ? write.Compiled.FindMemberByUser(write.Policy.UserId)?.Entry : null;
        var resent = invitation.Resend(inviter?.MemberId ?? Guid.Empty, write.Now, write.Compiled.Model.Policies.InvitationLifetime);
        if (resent.Error is { } closed)
        {
            return Failure.From(closed, FailureKind.Conflict);
        }
        await InvitationEmail.QueueAsync(write, composer, InvitationEmail.Resent, invitation, inviter?.Name ?? InvitationViews.ProductSupport,
            InvitationEmail.LinkFor(resent.Value!, write.Origin));
        var dto = InvitationViews.ToDto(invitation, write.Compiled, write.Policy, write.Now);
        write.Audit(AuditActions.InvitationResent, "invitation", invitation.Id, before, SendInvitationsHandler.AuditView(dto));
        return dto;
    }
}
