using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A member whose name and phone an administrator wants to change.</summary>
/// <param name="MemberId">The member.</param>
public sealed record ChangeMemberDetailsRequest(Guid MemberId);

/// <summary>May the actor change another member's details (first name, last name, phone)?</summary>
public static class ChangeMemberDetails
{
    /// <summary>
    /// "Edit — change details, groups or access level": the details belong to the person, whom every place the
    /// membership reaches sees, so it needs <c>members.assign</c> at each of them and the member's access within the
    /// actor's own there (nobody renames someone above them); people managed by provisioning are changed at their
    /// identity provider, and holders of a protected role only by owners.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ChangeMemberDetailsRequest request) =>
        MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
            MemberRules.RequirePermissionEverywhere(acting, member, ManagementPermissions.Assign)
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireWithinOwnEverywhere(acting, member))
            .Then(() => MemberRules.RequireNotProtected(acting, member)));
}
