using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Platform;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>Whose account an organization deletes permanently.</summary>
/// <param name="OrganizationId">The organization the account belongs to.</param>
/// <param name="MemberId">The account's membership there.</param>
public sealed record DeleteMemberAccountCommand(Guid OrganizationId, Guid MemberId);

/// <summary>
/// Seed 003's "Delete — remove user": where the access model says <c>accountDeletion: organizationWhenSoleMembership</c>,
/// someone who may remove a member deletes the account of a person who belongs to this organization alone. The account is
/// erased as product support's erasure does (<see cref="AccountErasure"/>), with this organization's member removed as a
/// removal does, under the organization's lock and then the account's row lock, which accepting an invitation anywhere
/// takes too: so "belongs to this organization alone" still holds when the erasure commits.
/// </summary>
public sealed class DeleteMemberAccountHandler(OrganizationWork work, GatehouseDb db, IApiKeyRevocations revocations)
{
    /// <summary>The erased account's user id, or why it was not deleted; nothing changes on a failure.</summary>
    public async Task<Result<Guid>> HandleAsync(Actor actor, Origin origin, DeleteMemberAccountCommand command, CancellationToken cancellationToken = default)
    {
        var result = await work.RunAsync(actor, origin, command.OrganizationId, write => DeleteAsync(write, command.MemberId), cancellationToken);
        if (result.Succeeded)
        {
            await revocations.ForgetAsync(db, null, result.Value, CancellationToken.None);
        }
        return result;
    }

    private static async Task<Result<Guid>> DeleteAsync(WriteContext write, Guid memberId)
    {
        if (MemberWrites.Unseen(write, memberId) is { } unseen)
        {
            return unseen;
        }
        var userId = write.Compiled.FindMember(memberId)!.Entry.UserId;
        if (userId == write.Actor.UserId)
        {
            return Failure.Conflict(MemberCodes.CannotDeleteOwnAccount,
                $"You cannot delete your own account. Ask another administrator of this {write.Compiled.Model.OrganizationLabel}, or product support.");
        }
        // The model and the remover's rights first, as if the account were here alone: a refusal locks nothing more.
        if (Evaluate(write, userId, [write.Organization.Id]) is { } refused)
        {
            return refused;
        }
        var user = await UserLock.ForUpdateAsync(write.Db, userId, CancellationToken.None);
        if (user is null || user.ErasedAt is not null)
        {
            return VisibleMember.NotFound(memberId);
        }
        var organizationIds = await write.Db.Members.Where(m => m.UserId == userId).Select(m => m.OrganizationId).ToListAsync();
        if (Evaluate(write, userId, organizationIds) is { } elsewhere)
        {
            return elsewhere;
        }
        if (await write.Db.PlatformOperators.AnyAsync(p => p.UserId == userId))
        {
            return Failure.Forbidden(ManagementCodes.AccountDeletionNotAllowed,
                $"This account belongs to product support staff, so only product support can delete it; remove the person from this {write.Compiled.Model.OrganizationLabel} instead.");
        }
        if (await MemberWrites.LoadWithGrantsAsync(write, memberId) is not { } loaded)
        {
            return VisibleMember.NotFound(memberId);
        }
        var (member, grants) = loaded;
        // Tracked like a removal, so the access cache learns exactly which member and grants went.
        write.Db.Grants.RemoveRange(grants);
        await MemberWrites.DropUnusedInlineRolesAsync(write, memberId, new HashSet<string>(StringComparer.Ordinal));
        write.Db.Members.Remove(member);
        write.MarkAccessChanged();
        var pseudonym = await AccountErasure.EraseAsync(write.Db, user, [memberId], 1, write.Actor, write.Origin, write.Now, CancellationToken.None);
        write.Audit(AuditActions.AccountErased, "member", memberId, new { user = pseudonym }, null);
        return userId;
    }

    /// <summary>The policy's refusal; product support, whom the policy lets erase any account, is sent to its own erasure when the account is used elsewhere.</summary>
    private static Failure? Evaluate(WriteContext write, Guid userId, List<Guid> organizationIds)
    {
        var decision = DeleteAccount.Evaluate(write.Compiled, write.Policy, new DeleteAccountRequest(userId, organizationIds));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        return organizationIds.Any(id => id != write.Organization.Id)
            ? Failure.Conflict(ManagementCodes.AccountHasOtherMemberships,
                "This account is also used in other organizations; erase it from the product-support accounts page (DELETE /api/v1/platform/users/{id}) instead.")
            : null;
    }
}
