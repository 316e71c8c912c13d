using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A member whose access to the organization should end, keeping their grants and account.</summary>
/// <param name="MemberId">The member.</param>
public sealed record DeactivateRequest(Guid MemberId);

/// <summary>May the actor deactivate a member?</summary>
public static class Deactivate
{
    /// <summary>
    /// Deactivation ends access everywhere the membership reaches, so it needs <c>members.deactivate</c> and
    /// the member's access within the actor's own at each of those places; the last owner stays.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, DeactivateRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        var (member, missing) = MemberRules.Find(acting, request.MemberId);
        if (member is null)
        {
            return missing;
        }
        return MemberRules.RequirePermissionEverywhere(acting, member, ManagementPermissions.Deactivate)
            .Then(() => member.IsActive ? Decision.Allowed : Refusals.MemberAlreadyDeactivated(member))
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireWithinOwnEverywhere(acting, member))
            .Then(() => MemberRules.RequireNotLastOwner(acting, member));
    }
}
