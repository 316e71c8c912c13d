using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;

namespace Gatehouse.Core.Management;

/// <summary>One of a member's grants to take away.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Grant">The grant to remove.</param>
public sealed record RemoveGrantRequest(Guid MemberId, GrantSpec Grant);

/// <summary>May the actor take one role at one target away from a member?</summary>
public static class RemoveGrant
{
    /// <summary>Needs <c>members.assign</c> at the target and the member's access there within the actor's own; never touches the account.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, RemoveGrantRequest request)
    {
        return MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
        {
            if (!GrantRules.Holds(member, request.Grant))
            {
                return Refusals.GrantNotFound(organization, member, request.Grant.ScopeId);
            }
            return MemberRules.RequireEditable(acting, member)
                .Then(() => GrantRules.MayTakeAway(acting, member, request.Grant.ScopeId))
                .Then(() => MemberRules.RequireNotProtected(acting, member))
                .Then(() => organization.Model.Policies.OneRolePerMember && member.Grants.Count == 1
                    ? Refusals.OneRoleCannotBeRemoved(member)
                    : Decision.Allowed);
        });
    }
}
