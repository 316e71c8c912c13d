using Gatehouse.Application.Email;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Making a member an owner or taking ownership away.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="Owner">True to make the member an owner, false to take ownership away (required).</param>
public sealed record ChangeOwnershipCommand(Guid OrganizationId, Guid MemberId, bool? Owner);

/// <summary>Makes a member an owner or takes ownership away (owners only; the last owner stays, last_owner).</summary>
public sealed class ChangeOwnershipHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why not.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, ChangeOwnershipCommand command, CancellationToken cancellationToken = default)
    {
        if (command.Owner is not { } owner)
        {
            return Failure.Invalid("owner", WorkCodes.ValidationFailed, "'owner' is required: true to make the member an owner, false to take ownership away.");
        }
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, write => ChangeAsync(write, command.MemberId, owner), cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }

    private async Task<Result<bool>> ChangeAsync(WriteContext write, Guid memberId, bool owner)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = ChangeOwner.Evaluate(write.Compiled, write.Policy, new ChangeOwnerRequest(memberId, owner));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        if (member.IsOwner == owner)
        {
            return true;
        }
        member.SetOwner(owner);
        write.MarkAccessChanged();
        write.Audit(AuditActions.OwnerChanged, "member", memberId, new { isOwner = !owner }, new { isOwner = owner });
        var grants = (await MemberWrites.GrantsAsync(write, memberId)).Select(g => g.Spec).ToList();
        await MemberNotices.QueueAccessChangedAsync(write, composer, member, grants);
        return true;
    }
}
