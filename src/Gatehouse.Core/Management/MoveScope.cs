using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;

namespace Gatehouse.Core.Management;

/// <summary>A scope to move under another scope, or to the top level.</summary>
/// <param name="ScopeId">The scope to move (it takes the scopes under it along).</param>
/// <param name="NewParentId">The scope to move it under, or null for the top level.</param>
/// <param name="PendingInvitations">The organization's pending invitations, whose offers a move changes like members' access.</param>
public sealed record MoveScopeRequest(Guid ScopeId, Guid? NewParentId, IReadOnlyList<Invitation> PendingInvitations);

/// <summary>May the actor move a scope?</summary>
public static class MoveScope
{
    /// <summary>
    /// Needs <c>organization.manage</c> at the scope and at its new parent, a tree that stays a tree, and every
    /// change of access the move brings within what the actor could do directly (see docs/access-rules.md,
    /// "Moving and deleting scopes"): what someone would gain the actor holds there, what they would lose the actor
    /// could take away, and the actor's own access never grows.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, MoveScopeRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        var current = organization.FindScope(request.ScopeId);
        return TargetRules.RequireTarget(organization, request.ScopeId)
            .Then(() => TargetRules.RequirePermission(acting, ManagementPermissions.ManageOrganization, request.ScopeId))
            .Then(() => TargetRules.RequireTarget(organization, request.NewParentId))
            .Then(() => TargetRules.RequirePermission(acting, ManagementPermissions.ManageOrganization, request.NewParentId))
            .Then(() => RequireTree(organization, request))
            .Then(() => current!.ParentId == request.NewParentId
                ? Decision.Allowed
                : ScopeChangeRules.RequireMoveWithinOwn(acting, request.ScopeId, request.NewParentId, request.PendingInvitations));
    }

    private static Decision RequireTree(CompiledOrganization organization, MoveScopeRequest request)
    {
        var scopes = organization.Scopes.Select(s => new Scope(s.Id, organization.OrganizationId, s.ParentId, s.Name)).ToList();
        return Organizations.ScopeTree.CanMove(scopes, request.ScopeId, request.NewParentId).Error is { } error ? Refusals.ScopeCycle(error) : Decision.Allowed;
    }
}
