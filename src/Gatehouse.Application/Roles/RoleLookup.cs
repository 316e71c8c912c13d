using Gatehouse.Application.Work;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Roles;

/// <summary>What the role use cases share: finding a role by id or key, the permissions rule, and the role as seen after a change.</summary>
internal static class RoleLookup
{
    /// <summary>Most permissions one role may list.</summary>
    public const int MaxPermissions = 500;

    /// <summary>The organization's own role by id or key (tracked), and the key to ask the policy about; a system role has a key but no entity.</summary>
    public static async Task<(Role? Entity, string? Key)> ResolveAsync(WriteContext write, string role)
    {
        var organizationId = write.Organization.Id;
        Role? entity = Guid.TryParse(role, out var id)
            ? await write.Db.Roles.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Id == id)
            : role.Length <= 100 ? await write.Db.Roles.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Key == role) : null;
        if (entity is { Kind: RoleKind.Inline })
        {
            return (null, null);
        }
        if (entity is not null)
        {
            return (entity, entity.Key);
        }
        return write.Compiled.Model.FindRole(role) is not null ? (null, role) : (null, null);
    }

    /// <summary>The failure for a malformed permission list, or null.</summary>
    public static Failure? CheckPermissions(IReadOnlyList<string>? permissions) =>
        permissions is null || permissions.Count > MaxPermissions || permissions.Any(p => p is null || p.Length > 200)
            ? Failure.Invalid("permissions", WorkCodes.ValidationFailed, $"'permissions' must list 1 to {MaxPermissions} permission codes; see GET /api/v1/permissions.")
            : null;

    /// <summary>No role of this organization that can be changed goes by <paramref name="role"/>.</summary>
    public static Failure NotFound(string role) =>
        Failure.NotFound(RoleCodes.NotFound, $"There is no role '{role}' of this organization that can be changed. List the roles to find its id.");

    /// <summary>The role as the actor sees it after a change has committed (its capabilities and holders as they are now).</summary>
    public static async Task<Result<RoleDto>> ViewAfterChangeAsync(OrganizationReads reads, GatehouseDb db, Actor actor, Guid organizationId, Guid roleId,
        CancellationToken cancellationToken)
    {
        var role = await db.Roles.AsNoTracking().SingleAsync(r => r.OrganizationId == organizationId && r.Id == roleId, cancellationToken);
        var open = await reads.OpenAsync(actor, organizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var opened = open.Value;
        return RoleViews.Custom(role, opened.Organization, opened.Policy, RoleViews.HoldersByRole(opened.Organization));
    }
}
