using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A member to take out of one scope: every grant they hold directly on it.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="ScopeId">The scope (workshop, project, facility).</param>
public sealed record RemoveFromScopeRequest(Guid MemberId, Guid ScopeId);

/// <summary>May the actor remove a member from a scope (de-selecting a workshop's check mark)?</summary>
public static class RemoveFromScope
{
    /// <summary>The rules of removing each direct grant there; the membership and the account stay.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, RemoveFromScopeRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        var allowedHere = TargetRules.RequireTarget(organization, request.ScopeId)
            .Then(() => TargetRules.RequirePermission(acting, ManagementPermissions.Assign, request.ScopeId));
        if (!allowedHere.IsAllowed)
        {
            return allowedHere;
        }
        var (member, missing) = MemberRules.Find(acting, request.MemberId);
        if (member is null)
        {
            return missing;
        }
        var direct = member.Grants.Count(g => g.ScopeId == request.ScopeId);
        if (direct == 0)
        {
            return organization.HeldPermissions(member, request.ScopeId).IsEmpty
                ? Refusals.GrantNotFound(organization, member, request.ScopeId)
                : Refusals.AccessInherited(organization, member, request.ScopeId);
        }
        return MemberRules.RequireEditable(acting, member)
            .Then(() => GrantRules.MayTakeAway(acting, member, request.ScopeId))
            .Then(() => MemberRules.RequireNotProtected(acting, member))
            .Then(() => organization.Model.Policies.OneRolePerMember && member.Grants.Count == direct
                ? Refusals.OneRoleCannotBeRemoved(member)
                : Decision.Allowed);
    }
}
