using Gatehouse.Application.Email;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Which member to take out of which scope.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="ScopeId">The scope whose grants go.</param>
public sealed record RemoveMemberFromScopeCommand(Guid OrganizationId, Guid MemberId, Guid ScopeId);

/// <summary>Removes the member's grants at a scope; the membership and the account stay.</summary>
public sealed class RemoveMemberFromScopeHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why not.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, RemoveMemberFromScopeCommand command, CancellationToken cancellationToken = default)
    {
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, write => RemoveAsync(write, command), cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }

    private async Task<Result<bool>> RemoveAsync(WriteContext write, RemoveMemberFromScopeCommand command)
    {
        var (memberId, scopeId) = (command.MemberId, command.ScopeId);
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = RemoveFromScope.Evaluate(write.Compiled, write.Policy, new RemoveFromScopeRequest(memberId, scopeId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        var grants = await MemberWrites.GrantsAsync(write, memberId);
        var removed = grants.Where(g => g.ScopeId == scopeId).ToList();
        write.Db.Grants.RemoveRange(removed);
        await MemberWrites.DropUnusedInlineRolesAsync(write, memberId, grants.Except(removed).Select(g => g.RoleKey).ToHashSet(StringComparer.Ordinal));
        member.TouchAccess();
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberRemovedFromScope, "member", memberId,
            new { scopeId, grants = removed.Select(g => new { g.RoleKey, g.ScopeId }) }, null);
        await MemberNotices.QueueAccessChangedAsync(write, composer, member, grants.Except(removed).Select(g => g.Spec));
        return true;
    }
}
