using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A scope to delete with the grants on it; accounts and memberships stay.</summary>
/// <param name="ScopeId">The scope.</param>
public sealed record DeleteScopeRequest(Guid ScopeId);

/// <summary>May the actor delete a scope?</summary>
public static class DeleteScope
{
    /// <summary>
    /// Needs <c>organization.manage</c> at the scope, and each grant the deletion takes away (on the scope and the
    /// scopes under it) one the actor could remove directly, as <see cref="RemoveGrant"/> judges it. Scopes still
    /// holding scopes or offered by pending invitations are the caller's to refuse: they are state, not rights.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, DeleteScopeRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        return TargetRules.RequireTarget(organization, request.ScopeId)
            .Then(() => TargetRules.RequirePermission(acting, ManagementPermissions.ManageOrganization, request.ScopeId))
            .Then(() => ScopeChangeRules.RequireDeletionWithinOwn(acting, request.ScopeId));
    }
}
