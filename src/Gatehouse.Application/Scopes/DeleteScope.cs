using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Scopes;

/// <summary>A scope to delete.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ScopeId">The scope.</param>
public sealed record DeleteScopeCommand(Guid OrganizationId, Guid ScopeId);

/// <summary>
/// Deletes an empty scope with the grants there; accounts and memberships stay. The management policy decides who may
/// (<see cref="DeleteScope"/>: <c>organization.manage</c> there and each grant removed one the actor could remove
/// directly, scope_delete_changes_access); a scope still holding scopes or offered by a pending invitation is refused here.
/// </summary>
public sealed class DeleteScopeHandler(OrganizationWork work)
{
    /// <summary>The scope as it was before it was deleted, or why it was not.</summary>
    public Task<Result<ScopeDto>> HandleAsync(Actor actor, Origin origin, DeleteScopeCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => DeleteAsync(write, command.ScopeId), cancellationToken);

    private static async Task<Result<ScopeDto>> DeleteAsync(WriteContext write, Guid scopeId)
    {
        var organizationId = write.Organization.Id;
        if (await ScopeLookup.FindAsync(write, scopeId) is not { } scope)
        {
            return ScopeLookup.NotFound(scopeId);
        }
        var decision = DeleteScope.Evaluate(write.Compiled, write.Policy, new DeleteScopeRequest(scope.Id));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (await write.Db.Scopes.AnyAsync(s => s.OrganizationId == organizationId && s.ParentId == scopeId))
        {
            return Failure.Conflict(ScopeCodes.HasChildren, $"'{scope.Name}' still holds other scopes. Move or delete them first.");
        }
        var pending = await write.Db.Invitations.Where(i => i.OrganizationId == organizationId && i.Status == InvitationStatus.Pending && i.ExpiresAt > write.Now).ToListAsync();
        if (pending.Any(i => i.Grants.Any(g => g.ScopeId == scopeId)))
        {
            return Failure.Conflict(ScopeCodes.HasPendingInvitations, $"Pending invitations offer access to '{scope.Name}'. Revoke them first.");
        }
        var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.ScopeId == scopeId).ToListAsync();
        write.Db.Grants.RemoveRange(grants);
        // An inline role lives only as long as a grant names it.
        var removedKeys = grants.Select(g => g.RoleKey).Distinct().ToList();
        var keptKeys = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.ScopeId != scopeId && removedKeys.Contains(g.RoleKey))
            .Select(g => g.RoleKey).Distinct().ToListAsync();
        write.Db.Roles.RemoveRange(await write.Db.Roles
            .Where(r => r.OrganizationId == organizationId && r.Kind == RoleKind.Inline && removedKeys.Contains(r.Key) && !keptKeys.Contains(r.Key))
            .ToListAsync());
        write.Db.Scopes.Remove(scope);
        write.MarkAccessChanged();
        var deleted = ScopeDto.Of(scope);
        write.Audit(AuditActions.ScopeDeleted, "scope", scope.Id, new { scope = deleted, removedGrants = grants.Count }, null);
        return deleted;
    }
}
