using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Data;

namespace Gatehouse.Application.Roles;

/// <summary>A change to a custom role: a new name and/or a new permission list; what is null stays.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Role">The role's id or key.</param>
/// <param name="Name">The new name, or null.</param>
/// <param name="Permissions">The new permission codes, or null.</param>
/// <param name="Version">When sent, the version the change was made on; a different current version is a conflict.</param>
public sealed record UpdateRoleCommand(Guid OrganizationId, string Role, string? Name, IReadOnlyList<string>? Permissions, int? Version);

/// <summary>
/// Renames a custom role and/or replaces its permissions; everyone holding it is affected at once. System roles
/// cannot be changed (the policy says so in its own words).
/// </summary>
public sealed class UpdateRoleHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The role as changed, as the actor sees it, or why it was not changed.</summary>
    public async Task<Result<RoleDto>> HandleAsync(Actor actor, Origin origin, UpdateRoleCommand command, CancellationToken cancellationToken = default)
    {
        if (((command.Name is null ? null : InputRules.Name(command.Name, "name"))
            ?? (command.Permissions is null ? null : RoleLookup.CheckPermissions(command.Permissions))) is { } invalid)
        {
            return invalid;
        }
        var updated = await work.RunAsync(actor, origin, command.OrganizationId, write => UpdateAsync(write, command), cancellationToken);
        return updated.Succeeded
            ? await RoleLookup.ViewAfterChangeAsync(reads, db, actor, command.OrganizationId, updated.Value, cancellationToken)
            : updated.Failure;
    }

    private static async Task<Result<Guid>> UpdateAsync(WriteContext write, UpdateRoleCommand command)
    {
        var (entity, key) = await RoleLookup.ResolveAsync(write, command.Role);
        if (key is null)
        {
            return RoleLookup.NotFound(command.Role);
        }
        // A stale version first, as for a member's access: the change was made on an old reading, whatever the policy says of it now.
        if (entity is not null && command.Version is { } version && version != entity.Version)
        {
            return Failure.Conflict(RoleCodes.VersionConflict,
                $"'{entity.Name}' was changed by someone else since you opened it; reload to see their change, then make yours again.");
        }
        var current = write.Compiled.FindRole(key);
        var name = command.Name?.Trim() ?? entity?.Name ?? current?.Name ?? key;
        var permissions = command.Permissions ?? entity?.Permissions ?? (current is null ? [] : [.. write.Compiled.Model.Catalog.CodesOf(current.Permissions)]);
        var decision = EditRole.Evaluate(write.Compiled, write.Policy, new EditRoleRequest(key, name, permissions));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (entity is null)
        {
            return RoleLookup.NotFound(command.Role);
        }
        var before = RoleViews.AuditView(entity);
        if (command.Name is not null && name != entity.Name)
        {
            entity.Rename(name);
        }
        if (command.Permissions is not null && !permissions.ToHashSet(StringComparer.Ordinal).SetEquals(entity.Permissions))
        {
            entity.ReplacePermissions(permissions);
        }
        write.MarkAccessChanged();
        write.Audit(AuditActions.RoleUpdated, "role", entity.Id, before, RoleViews.AuditView(entity));
        return entity.Id;
    }
}
