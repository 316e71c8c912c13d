using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Which member to reactivate.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
public sealed record ReactivateMemberCommand(Guid OrganizationId, Guid MemberId);

/// <summary>Reactivates a membership with the access it had; needs a free seat (seat_limit_reached).</summary>
public sealed class ReactivateMemberHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why not.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, ReactivateMemberCommand command, CancellationToken cancellationToken = default)
    {
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, write => ReactivateAsync(write, command.MemberId, cancellationToken), cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }

    private static async Task<Result<bool>> ReactivateAsync(WriteContext write, Guid memberId, CancellationToken cancellationToken)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = Reactivate.Evaluate(write.Compiled, write.Policy, new ReactivateRequest(memberId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        if (await SeatCount.CanTakeAsync(write.Db, write.Organization, write.Compiled.Model, write.Now, _ => 1, cancellationToken) is { Succeeded: false } full)
        {
            return Failure.From(full.Error!, FailureKind.Conflict);
        }
        if (member.Reactivate() is { Succeeded: false } refused)
        {
            return Failure.From(refused.Error!, FailureKind.Conflict);
        }
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberReactivated, "member", memberId, new { status = MemberStatus.Deactivated }, new { status = MemberStatus.Active });
        return true;
    }
}
