using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A role to add at a target for an existing member.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Grant">The role and the target (null scope = the organization).</param>
/// <param name="InlineRole">A one-off role the grant may name, when the model allows them.</param>
public sealed record AssignGrantRequest(Guid MemberId, GrantSpec Grant, InlineRole? InlineRole = null);

/// <summary>May the actor give an existing member a role at a target?</summary>
public static class AssignGrant
{
    /// <summary>Needs <c>members.assign</c> and every permission of the role at the target, and the member's access there within the actor's own.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, AssignGrantRequest request)
    {
        return MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
        {
            var target = request.Grant.ScopeId;
            return GrantRules.ValidateInline(organization, request.InlineRole)
                .Then(() => GrantRules.MayGrant(acting, request.Grant, request.InlineRole, ManagementPermissions.Assign))
                // Before the protections: a workspace admin added to a project needs nothing, and saying so is the useful answer.
                .Then(() => AlreadyCovered(acting, member, request))
                .Then(() => MemberRules.RequireEditable(acting, member))
                .Then(() => MemberRules.RequireWithinOwn(acting, member, target))
                .Then(() => MemberRules.RequireNotProtected(acting, member))
                .Then(() => organization.Model.Policies.OneRolePerMember && member.Grants.Count > 0
                    ? Refusals.OneRoleAlreadyHeld(member)
                    : Decision.Allowed);
        });
    }

    /// <summary>"Adding a grant that an organization-wide grant already covers answers that the member already has that access."</summary>
    private static Decision AlreadyCovered(ActingMember acting, CompiledMember member, AssignGrantRequest request)
    {
        var role = GrantRules.FindRole(acting.Organization, request.Grant.RoleKey, request.InlineRole)!;
        var theirs = acting.Organization.HeldPermissions(member, request.Grant.ScopeId);
        return GrantRules.Holds(member, request.Grant) || role.Permissions.IsSubsetOf(theirs)
            ? Refusals.AlreadyHasAccess(acting.Organization, member, request.Grant.ScopeId)
            : Decision.Allowed;
    }
}
