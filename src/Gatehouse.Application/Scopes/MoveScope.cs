using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Scopes;

/// <summary>A scope to move, with the scopes under it.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ScopeId">The scope.</param>
/// <param name="NewParentId">The scope to move it under, or null for the top level.</param>
public sealed record MoveScopeCommand(Guid OrganizationId, Guid ScopeId, Guid? NewParentId);

/// <summary>
/// Moves a scope under another scope or to the top level. The management policy decides (<see cref="MoveScope"/>):
/// <c>organization.manage</c> at the scope and at its new parent, a tree that stays a tree (scope_cycle), and every
/// change of access the move brings within what the actor could do directly (scope_move_changes_access).
/// </summary>
public sealed class MoveScopeHandler(OrganizationWork work)
{
    /// <summary>The moved scope, or why it was not moved.</summary>
    public Task<Result<ScopeDto>> HandleAsync(Actor actor, Origin origin, MoveScopeCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write =>
            UpdateScopeHandler.ApplyAsync(write, new UpdateScopeCommand(command.OrganizationId, command.ScopeId, null, command.NewParentId, command.NewParentId is null)),
            cancellationToken);

    /// <summary>The move step, on a scope the actor may change (see <see cref="ScopeLookup.FindManageableAsync"/>); null when done.</summary>
    internal static async Task<Failure?> MoveAsync(WriteContext write, Scope scope, Guid? newParentId)
    {
        // A move changes what pending offers give as much as what members hold, so the policy sees both.
        var pending = await write.Db.Invitations.Where(i => i.OrganizationId == write.Organization.Id && i.Status == InvitationStatus.Pending).ToListAsync();
        var decision = MoveScope.Evaluate(write.Compiled, write.Policy, new MoveScopeRequest(scope.Id, newParentId, pending));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var before = ScopeDto.Of(scope);
        scope.MoveTo(newParentId);
        write.Audit(AuditActions.ScopeMoved, "scope", scope.Id, before, ScopeDto.Of(scope));
        return null;
    }
}
