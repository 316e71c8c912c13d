using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A member's whole access as the console's Save sends it: every grant and the full-access flag.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Grants">Every grant the member should hold afterwards.</param>
/// <param name="FullAccess">Whether the member should have full access afterwards.</param>
/// <param name="InlineRole">A one-off role the grants may name, when the model allows them.</param>
public sealed record ReplaceAccessRequest(Guid MemberId, IReadOnlyList<GrantSpec> Grants, bool FullAccess, InlineRole? InlineRole = null);

/// <summary>May the actor replace a member's access wholesale?</summary>
public static class ReplaceAccess
{
    /// <summary>
    /// Decomposed into the rules of its parts: each grant taken away, each grant added, and the full-access
    /// change; grants kept as they are need nothing, so a Save that changes one workshop is judged on that one.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ReplaceAccessRequest request)
    {
        return MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
        {
            var current = member.Grants.Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToHashSet();
            var wanted = request.Grants.ToHashSet();
            var removed = current.Except(wanted).ToList();
            var added = wanted.Except(current).ToList();
            var fullAccessChanges = member.Entry.HasFullAccess != request.FullAccess;
            if (removed.Count == 0 && added.Count == 0 && !fullAccessChanges)
            {
                return Decision.Allowed;
            }
            return GrantRules.ValidateInline(organization, request.InlineRole)
                .Then(() => organization.Model.Policies.OneRolePerMember && wanted.Count != 1 ? Refusals.OneRolePerMember(organization) : Decision.Allowed)
                .Then(() => MemberRules.RequireEditable(acting, member))
                .Then(() => fullAccessChanges && !acting.BypassesChecks ? Refusals.FullAccessRequiresFullAccess() : Decision.Allowed)
                .Then(() => Decision.All(removed, g => GrantRules.MayTakeAway(acting, member, g.ScopeId)))
                .Then(() => Decision.All(added, g => GrantRules.MayGrant(acting, g, request.InlineRole, ManagementPermissions.Assign)
                    .Then(() => MemberRules.RequireWithinOwn(acting, member, g.ScopeId)))
                .Then(() => MemberRules.RequireNotProtected(acting, member)));
        });
    }
}
