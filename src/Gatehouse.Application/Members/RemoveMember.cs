using Gatehouse.Application.Email;
using Gatehouse.Application.OidcTokens;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;

namespace Gatehouse.Application.Members;

/// <summary>Which member to remove from the organization.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
public sealed record RemoveMemberCommand(Guid OrganizationId, Guid MemberId);

/// <summary>Removes a member from the organization with their grants and inline roles; the user account stays.</summary>
public sealed class RemoveMemberHandler(OrganizationWork work, IEmailComposer composer)
{
    /// <summary>The removed member's id, or why they were not removed.</summary>
    public Task<Result<Guid>> HandleAsync(Actor actor, Origin origin, RemoveMemberCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => RemoveAsync(write, command.MemberId), cancellationToken);

    private async Task<Result<Guid>> RemoveAsync(WriteContext write, Guid memberId)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = Core.Management.RemoveMember.Evaluate(write.Compiled, write.Policy, new RemoveMemberRequest(memberId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        var grants = await MemberWrites.GrantsAsync(write, memberId);
        var before = MemberWrites.AccessSnapshot(member, grants);
        write.Db.Grants.RemoveRange(grants);
        await MemberWrites.DropUnusedInlineRolesAsync(write, memberId, new HashSet<string>(StringComparer.Ordinal));
        write.Db.Members.Remove(member);
        // Their products' refresh tokens for this organization end in this same transaction (docs/oidc.md, "Deactivation").
        await OidcTokenRevocation.RevokeAsync(write.Db, member.UserId, write.Organization.Id);
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberRemoved, "member", memberId, new { userId = member.UserId, access = before }, null);
        await MemberNotices.QueueRemovedAsync(write, composer, member);
        return memberId;
    }
}
