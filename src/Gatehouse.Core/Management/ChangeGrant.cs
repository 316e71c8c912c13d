using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>One of a member's grants to replace by another, as the role dropdown in a member list does.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="From">The grant the member holds now.</param>
/// <param name="To">The grant to hold instead.</param>
/// <param name="InlineRole">A one-off role <paramref name="To"/> may name, when the model allows them.</param>
public sealed record ChangeGrantRequest(Guid MemberId, GrantSpec From, GrantSpec To, InlineRole? InlineRole = null);

/// <summary>May the actor change one of a member's roles?</summary>
public static class ChangeGrant
{
    /// <summary>A change is taking <c>From</c> away and giving <c>To</c>: both sets of rules apply.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ChangeGrantRequest request)
    {
        return MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
        {
            if (!GrantRules.Holds(member, request.From))
            {
                return Refusals.GrantNotFound(organization, member, request.From.ScopeId);
            }
            if (request.From == request.To)
            {
                return Decision.Allowed;
            }
            return GrantRules.ValidateInline(organization, request.InlineRole)
                .Then(() => MemberRules.RequireEditable(acting, member))
                .Then(() => GrantRules.MayTakeAway(acting, member, request.From.ScopeId))
                .Then(() => GrantRules.MayGrant(acting, request.To, request.InlineRole, ManagementPermissions.Assign))
                .Then(() => MemberRules.RequireWithinOwn(acting, member, request.To.ScopeId))
                .Then(() => MemberRules.RequireNotProtected(acting, member));
        });
    }
}
