using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Scopes;

/// <summary>A scope.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ParentId">The enclosing scope, or null at the top level.</param>
/// <param name="Name">Display name.</param>
public sealed record ScopeDto(Guid Id, Guid? ParentId, string Name)
{
    /// <summary>The view of a stored scope (also what audit events record of it).</summary>
    public static ScopeDto Of(Scope scope) => new(scope.Id, scope.ParentId, scope.Name);
}

/// <summary>What the scope use cases share: finding a scope, its not-found failure and the permission they need.</summary>
public static class ScopeLookup
{
    /// <summary>The scope of the organization being changed, or null.</summary>
    public static Task<Scope?> FindAsync(WriteContext write, Guid scopeId) =>
        write.Db.Scopes.SingleOrDefaultAsync(s => s.OrganizationId == write.Organization.Id && s.Id == scopeId);

    /// <summary>
    /// The scope to change and that the actor may change it (<c>organization.manage</c> there), or the failure: the same
    /// not-found for an unknown scope as for one of another organization.
    /// </summary>
    public static async Task<Result<Scope>> FindManageableAsync(WriteContext write, Guid scopeId)
    {
        if (await FindAsync(write, scopeId) is not { } scope)
        {
            return NotFound(scopeId);
        }
        var decision = RequireManage(write, scope.Id);
        return decision.IsAllowed ? scope : Failure.From(decision);
    }

    /// <summary>The failure for an unknown scope.</summary>
    public static Failure NotFound(Guid scopeId) =>
        Failure.NotFound(ScopeCodes.NotFound, $"There is no scope {scopeId} in this organization. List the scopes to find its id.");

    /// <summary>The policy's answer for changing the scope tree at <paramref name="target"/> (null: the top level).</summary>
    public static Decision RequireManage(WriteContext write, Guid? target) =>
        RequirePermission.Evaluate(write.Compiled, write.Policy, ManagementPermissions.ManageOrganization, target);
}
