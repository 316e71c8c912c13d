using Policy = Gatehouse.Core.Management;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Tests.Support;

/// <summary>Moving and deleting scopes, applied as the scope endpoints apply them.</summary>
internal sealed partial class OrganizationFixture
{
    public Decision MoveScope(Actor actor, Guid scopeId, Guid? newParentId) =>
        Apply(Policy.MoveScope.Evaluate(Compiled, actor, new MoveScopeRequest(scopeId, newParentId, PendingInvitations())),
            () => Deployment.Scopes.Single(s => s.Id == scopeId).MoveTo(newParentId));

    /// <summary>Deletes the scope and the grants on it (and an inline role no other grant names); refused, as the endpoint refuses it, while it holds scopes or is offered.</summary>
    public Decision DeleteScope(Actor actor, Guid scopeId) =>
        Apply(Policy.DeleteScope.Evaluate(Compiled, actor, new DeleteScopeRequest(scopeId)).Then(() => StillInUse(scopeId)), () =>
        {
            var removed = Deployment.Grants.Where(g => g.ScopeId == scopeId).ToList();
            Deployment.Grants.RemoveAll(g => g.ScopeId == scopeId);
            Deployment.Roles.RemoveAll(r => r.Kind == RoleKind.Inline && removed.Any(g => g.RoleKey == r.Key) && Deployment.Grants.All(g => g.RoleKey != r.Key));
            Deployment.Scopes.RemoveAll(s => s.Id == scopeId);
        });

    private List<Invitation> PendingInvitations() => [.. Invitations.Where(i => i.Status == InvitationStatus.Pending)];

    private Decision StillInUse(Guid scopeId) =>
        Deployment.Scopes.Any(s => s.ParentId == scopeId)
            ? Decision.Refuse(Refusal.Conflict, new Error("scope_has_children", "The scope still holds other scopes; move or delete them first."))
        : Invitations.Any(i => i.StatusAt(Deployment.Now) == InvitationStatus.Pending && i.Grants.Any(g => g.ScopeId == scopeId))
            ? Decision.Refuse(Refusal.Conflict, new Error("scope_has_pending_invitations", "Pending invitations offer access to the scope; revoke them first."))
        : Decision.Allowed;
}
