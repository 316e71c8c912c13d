using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Management;

/// <summary>Rules shared by creating, editing and deleting an organization's own roles.</summary>
internal static class RoleRules
{
    /// <summary>
    /// Custom roles need the model's policy and <c>roles.manage</c> on the organization itself, because a role
    /// can be granted anywhere in it.
    /// </summary>
    public static Decision RequireRoleManagement(ActingMember acting) =>
        acting.Organization.Model.Policies.CustomRoles
            ? TargetRules.RequirePermission(acting, ManagementPermissions.ManageRoles, null)
            : Refusals.CustomRolesDisabled(acting.Organization);

    /// <summary>Only the organization's own reusable roles change; inline roles change with their member's access.</summary>
    public static Decision RequireCustomRole(CompiledOrganization org, string key) => org.FindRole(key) switch
    {
        null or { Kind: RoleKind.Inline } => Refusals.RoleNotFound(org, key, Refusal.NotFound),
        { Kind: RoleKind.System } role => Refusals.SystemRoleReadOnly(role),
        _ => Decision.Allowed,
    };

    public static Decision ValidatePermissions(CompiledOrganization org, IReadOnlyList<string> permissions)
    {
        if (permissions.Count == 0)
        {
            return Refusals.RolePermissionsRequired();
        }
        var unknown = permissions.FirstOrDefault(p => !org.Model.Catalog.Contains(p));
        return unknown is null ? Decision.Allowed : Refusals.UnknownPermission(unknown);
    }

    /// <summary>
    /// No role may hold a permission the actor lacks on the organization: its holders get it wherever it
    /// is granted, so otherwise editing a role would be escalation by the back door.
    /// </summary>
    public static Decision RequireWithinOwn(ActingMember acting, string name, PermissionSet permissions)
    {
        var held = acting.HeldAt(null);
        return permissions.IsSubsetOf(held) ? Decision.Allowed : Refusals.RoleWouldExceedOwnAccess(acting.Organization, name, permissions, held);
    }

    public static Decision RequireExistingWithinOwn(ActingMember acting, string key) =>
        acting.Organization.FindRole(key) is { } role ? RequireWithinOwn(acting, role.Name, role.Permissions) : Decision.Allowed;

    public static Decision RequireFreeName(CompiledOrganization org, string name, string? exceptKey)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Refusals.RoleNameRequired();
        }
        var taken = org.Roles.Any(r => r.Kind != RoleKind.Inline && r.Key != exceptKey
            && string.Equals(r.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return taken ? Refusals.RoleNameTaken(name.Trim()) : Decision.Allowed;
    }
}
