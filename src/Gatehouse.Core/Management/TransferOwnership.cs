using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>The member to hand the acting owner's ownership to.</summary>
/// <param name="ToMemberId">The new owner.</param>
public sealed record TransferOwnershipRequest(Guid ToMemberId);

/// <summary>May the acting owner hand their ownership to another member (they become an owner, the actor stops being one)?</summary>
public static class TransferOwnership
{
    /// <summary>Only an owner hands over their own ownership; the organization keeps an owner throughout.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, TransferOwnershipRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        // Operators own nothing to hand over; they add and remove owners with ChangeOwner.
        if (acting.Member is not { Entry.IsOwner: true } self)
        {
            return Refusals.OwnerOnly(organization);
        }
        if (self.Entry.MemberId == request.ToMemberId)
        {
            return Refusals.CannotTransferToSelf();
        }
        var (member, missing) = MemberRules.Find(acting, request.ToMemberId);
        if (member is null)
        {
            return missing;
        }
        // The actor steps down, so the new owner must be one who counts: an active member, even if already an owner.
        if (!member.IsActive)
        {
            return Refusals.OwnerMustBeActive(member);
        }
        return member.Entry.IsOwner
            ? Decision.Allowed
            : ChangeOwner.Evaluate(organization, actor, new ChangeOwnerRequest(member.Entry.MemberId, IsOwner: true));
    }
}
