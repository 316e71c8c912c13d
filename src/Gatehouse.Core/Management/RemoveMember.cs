using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A member to remove from the organization; their account stays.</summary>
/// <param name="MemberId">The member.</param>
public sealed record RemoveMemberRequest(Guid MemberId);

/// <summary>May the actor remove a member from the organization?</summary>
public static class RemoveMember
{
    /// <summary>
    /// Needs <c>members.delete</c> and the member's management rights, full access and ownership within the actor's
    /// own everywhere the membership reaches (removing access is not granting it); the last owner stays. "Removing someone ... never deletes their account."
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, RemoveMemberRequest request) =>
        MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
            MemberRules.RequirePermissionEverywhere(acting, member, ManagementPermissions.Delete)
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireManagementWithinOwnEverywhere(acting, member))
            .Then(() => MemberRules.RequireNotProtected(acting, member))
            .Then(() => MemberRules.RequireNotLastOwner(acting, member)));
}
