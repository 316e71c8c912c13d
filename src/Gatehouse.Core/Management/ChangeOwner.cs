using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>A member to make an owner, or whose ownership ends.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="IsOwner">True to add an owner, false to take ownership away.</param>
public sealed record ChangeOwnerRequest(Guid MemberId, bool IsOwner);

/// <summary>May the actor add an owner or take ownership away?</summary>
public static class ChangeOwner
{
    /// <summary>
    /// "Only an owner changes an owner; the last owner cannot be removed, deactivated or demoted." Ownership is not
    /// something provisioning sets, so it stays changeable for provisioned members: otherwise an organization whose
    /// people all come from its identity provider could never hand ownership over.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ChangeOwnerRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        if (!acting.IsOwner)
        {
            return Refusals.OwnerOnly(organization);
        }
        var (member, missing) = MemberRules.Find(acting, request.MemberId);
        if (member is null)
        {
            return missing;
        }
        if (member.Entry.IsOwner == request.IsOwner)
        {
            return Decision.Allowed;
        }
        if (request.IsOwner)
        {
            // A deactivated owner would count for nothing: the last-owner rule counts active owners.
            return member.IsActive ? Decision.Allowed : Refusals.OwnerMustBeActive(member);
        }
        return MemberRules.RequireNotLastOwner(acting, member);
    }
}
