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
    /// Deactivation ends access everywhere the membership reaches, so it needs <c>members.deactivate</c> at each of
    /// those places and the member's management rights, full access and ownership within the actor's own (removing
    /// access is not granting it); the last owner stays.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, DeactivateRequest request) =>
        MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
            MemberRules.RequirePermissionEverywhere(acting, member, ManagementPermissions.Deactivate)
            .Then(() => member.IsActive ? Decision.Allowed : Refusals.MemberAlreadyDeactivated(member))
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireManagementWithinOwnEverywhere(acting, member))
            .Then(() => MemberRules.RequireNotProtected(acting, member))
            .Then(() => MemberRules.RequireNotLastOwner(acting, member)));
}
