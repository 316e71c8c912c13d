using Gatehouse.Application.Email;
using Gatehouse.Application.OidcTokens;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>Which member to deactivate.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
public sealed record DeactivateMemberCommand(Guid OrganizationId, Guid MemberId);

/// <summary>Deactivates a membership: no access in this organization, no seat; grants are kept.</summary>
public sealed class DeactivateMemberHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db, IEmailComposer composer)
{
    /// <summary>The member as they are now (null when the actor no longer sees them), or why not.</summary>
    public async Task<Result<MemberDto?>> HandleAsync(Actor actor, Origin origin, DeactivateMemberCommand command, CancellationToken cancellationToken = default)
    {
        var changed = await work.RunAsync(actor, origin, command.OrganizationId, write => DeactivateAsync(write, command.MemberId), cancellationToken);
        return await MemberWrites.AnswerAsync(changed, reads, db, actor, command.OrganizationId, command.MemberId, cancellationToken);
    }

    private async Task<Result<bool>> DeactivateAsync(WriteContext write, Guid memberId)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var decision = Deactivate.Evaluate(write.Compiled, write.Policy, new DeactivateRequest(memberId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await MemberWrites.LoadAsync(write, memberId) is not { } member)
        {
            return VisibleMember.NotFound(memberId);
        }
        if (member.Deactivate(write.Now) is { Succeeded: false } refused)
        {
            return Failure.From(refused.Error!, FailureKind.Conflict);
        }
        // Their products' refresh tokens for this organization end in this same transaction (docs/oidc.md, "Deactivation").
        await OidcTokenRevocation.RevokeAsync(write.Db, member.UserId, write.Organization.Id);
        write.MarkAccessChanged();
        write.Audit(AuditActions.MemberDeactivated, "member", memberId, new { status = MemberStatus.Active }, new { status = MemberStatus.Deactivated });
        await MemberNotices.QueueDeactivatedAsync(write, composer, member);
        return true;
    }
}
