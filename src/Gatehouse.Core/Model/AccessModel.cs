using System.Collections.Frozen;

namespace Gatehouse.Core.Model;

/// <summary>The deployment's access configuration: vocabulary, permission catalog, system roles and policies.</summary>
public sealed class AccessModel
{
    private readonly FrozenDictionary<string, RoleDefinition> _rolesByKey;
    private readonly FrozenDictionary<string, PermissionSet> _rolePermissions;

    /// <summary>Builds a validated model; use <c>AccessModelLoader</c> to read one from a file.</summary>
    public AccessModel(
        string name,
        string description,
        ScopeKind? scopes,
        PermissionCatalog catalog,
        IReadOnlyList<RoleDefinition> roles,
        AccessPolicies policies,
        string organizationLabel = "organization")
    {
        Name = name;
        Description = description;
        Scopes = scopes;
        Catalog = catalog;
        Roles = roles;
        Policies = policies;
        OrganizationLabel = organizationLabel;
        Words = ProductWords.Defaults(organizationLabel, CustomRoleLabel.Default);
        _rolesByKey = roles.ToFrozenDictionary(r => r.Key, StringComparer.Ordinal);
        _rolePermissions = roles.ToFrozenDictionary(r => r.Key, r => catalog.SetOf(r.Permissions), StringComparer.Ordinal);
    }

    /// <summary>The model's name (the preset name, such as <c>workshops</c>).</summary>
    public string Name { get; }

    /// <summary>What the model is for.</summary>
    public string Description { get; }

    /// <summary>The word for scopes, or null when the model has no scopes (micromobility).</summary>
    public ScopeKind? Scopes { get; }

    /// <summary>The product's word for an organization ("organisation", "account", "workspace").</summary>
    public string OrganizationLabel { get; }

    /// <summary>The product's word for the roles an organization makes itself; <see cref="CustomRoleLabel.Default"/> unless the model names them.</summary>
    public CustomRoleLabel CustomRoleLabel { get; init; } = CustomRoleLabel.Default;

    /// <summary>The console's names for its sections and actions, in the product's words where the model gives them.</summary>
    public ProductWords Words { get; init; }

    /// <summary>The permission catalog.</summary>
    public PermissionCatalog Catalog { get; }

    /// <summary>The system roles.</summary>
    public IReadOnlyList<RoleDefinition> Roles { get; }

    /// <summary>The policies.</summary>
    public AccessPolicies Policies { get; }

    /// <summary>The codenames an inline role (one member's one-off set) may hold; empty when the model has no inline roles.</summary>
    public IReadOnlySet<string> InlineRolePermissions { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Finds a system role by key.</summary>
    public RoleDefinition? FindRole(string key) => _rolesByKey.GetValueOrDefault(key);

    /// <summary>The permission set of a system role, or null when the key is not a system role.</summary>
    public PermissionSet? SystemRolePermissions(string key) => _rolePermissions.GetValueOrDefault(key);

    /// <summary>The label of a permission codename as read in a sentence (its full label), or the codename itself when unknown.</summary>
    public string LabelOf(string code) =>
        Catalog.TryGetIndex(code, out var index) ? Catalog[index].FullLabel : code;
}
