using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Application.Roles;

/// <summary>One permission of the catalog; <c>implies</c> lists what holding it also gives ("edit includes view").</summary>
public sealed record PermissionDto(string Code, string Category, string Label, string FullLabel, IReadOnlyList<string> Implies);

/// <summary>A category of the catalog and its permissions, in catalog order.</summary>
public sealed record PermissionCategoryDto(string Label, IReadOnlyList<PermissionDto> Permissions);

/// <summary>The permission catalog of the deployment's access model.</summary>
public sealed record PermissionCatalogDto(IReadOnlyList<PermissionCategoryDto> Categories);

/// <summary>What the caller may do with a role.</summary>
public sealed record RoleCapabilities(bool Edit, bool Delete);

/// <summary>
/// A role: <c>kind</c> system (from the access model: no id, version or usage) or custom (the organization's own).
/// <c>inUse</c> counts the members holding it.
/// </summary>
public sealed record RoleDto(RoleKind Kind, Guid? Id, string Key, string Name, string? Description, IReadOnlyList<string> Permissions,
    GrantTargets GrantableAt, int? Version, int InUse, RoleCapabilities Capabilities);

/// <summary>Turns roles and the catalog into what the API shows.</summary>
public static class RoleViews
{
    /// <summary>The catalog grouped by category.</summary>
    public static PermissionCatalogDto Catalog(AccessModel model) =>
        new([.. model.Catalog.Categories.Select(c => new PermissionCategoryDto(c,
            [.. model.Catalog.All.Where(p => p.Category == c).Select(p => new PermissionDto(p.Code, p.Category, p.Label, p.FullLabel, p.Implies))]))]);

    /// <summary>A system role.</summary>
    public static RoleDto System(RoleDefinition role, CompiledOrganization organization, IReadOnlyDictionary<string, int> holders) =>
        new(RoleKind.System, null, role.Key, role.Name, role.Description,
            [.. organization.Model.Catalog.CodesOf(organization.Model.SystemRolePermissions(role.Key)!)], role.GrantableAt, null, holders.GetValueOrDefault(role.Key), new RoleCapabilities(false, false));

    /// <summary>A custom role as <paramref name="actor"/> sees it.</summary>
    public static RoleDto Custom(Role role, CompiledOrganization organization, PolicyActor actor, IReadOnlyDictionary<string, int> holders) =>
        new(RoleKind.Custom, role.Id, role.Key, role.Name, null, role.Permissions, GrantTargets.Anywhere, role.Version, holders.GetValueOrDefault(role.Key),
            new RoleCapabilities(
                EditRole.Evaluate(organization, actor, new EditRoleRequest(role.Key, role.Name, role.Permissions)).IsAllowed,
                DeleteRole.Evaluate(organization, actor, new DeleteRoleRequest(role.Key)).IsAllowed));

    /// <summary>How many members hold each role somewhere, counted once for a whole list.</summary>
    public static IReadOnlyDictionary<string, int> HoldersByRole(CompiledOrganization organization) => organization.HoldersByRole();

    /// <summary>What audit events record about a custom role.</summary>
    public static object AuditView(Role role) => new { role.Key, role.Name, role.Permissions, role.Version };
}
