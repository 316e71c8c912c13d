using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads <c>roles</c>: the system roles by key, with where each may be granted and what it holds.</summary>
internal static class RoleSection
{
    private static readonly string[] RoleKeys = ["name", "description", "grantableAt", "permissions", "protected"];

    private static readonly Dictionary<string, GrantTargets> Targets = new(StringComparer.Ordinal)
    {
        ["organization"] = GrantTargets.Organization,
        ["scope"] = GrantTargets.Scope,
        ["anywhere"] = GrantTargets.Anywhere,
    };

    public static IReadOnlyList<RoleDefinition> Read(ModelReader reader, MappingFields root, CatalogDraft catalog, bool hasScopes)
    {
        if (root.Required("roles") is not { } node || reader.MappingNode(node, "roles", "'roles'") is not { } roles)
        {
            return [];
        }
        if (roles.Children.Count == 0)
        {
            reader.Report(roles, "roles", ModelErrorCodes.NoRoles, "the model has no role; add at least one system role.");
        }
        var definitions = new List<RoleDefinition>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in roles.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = Location.Child("roles", key);
            if (!Codename.IsValidRoleKey(key))
            {
                reader.Report(keyNode, path, ModelErrorCodes.InvalidRoleKey,
                    $"role key '{key}' must be lowercase letters, digits and underscores starting with a letter, and not start with 'r_' (kept for roles organizations make).");
            }
            if (reader.Mapping(value, path, RoleKeys, $"role '{key}'") is not { } role)
            {
                continue;
            }
            var name = role.RequiredText("name");
            if (name is not null && !names.TryAdd(name, key))
            {
                reader.Report(role.Optional("name")!, role.PathOf("name"), ModelErrorCodes.DuplicateRoleName,
                    $"role '{key}' has the same name as role '{names[name]}' ('{name}'); people could not tell them apart.");
            }
            var targets = ReadTargets(reader, role, key, hasScopes);
            var permissions = RolePermissions.Read(reader, role, catalog);
            definitions.Add(new RoleDefinition(key, name ?? key, role.OptionalText("description", ""), permissions, targets)
            {
                Protected = role.OptionalBool("protected", false),
            });
        }
        return definitions;
    }

    private static GrantTargets ReadTargets(ModelReader reader, MappingFields role, string key, bool hasScopes)
    {
        if (role.RequiredText("grantableAt") is not { } text)
        {
            return GrantTargets.None;
        }
        var where = Location.Of(role.Optional("grantableAt")!, role.PathOf("grantableAt"));
        if (!Targets.TryGetValue(text, out var targets))
        {
            reader.Report(where, ModelErrorCodes.InvalidValue, $"grantableAt '{text}' is not one of organization, scope, anywhere.");
            return GrantTargets.None;
        }
        if (!hasScopes && targets.HasFlag(GrantTargets.Scope))
        {
            reader.Report(where, ModelErrorCodes.RoleNotGrantable,
                $"role '{key}' is grantable at '{text}', but the model has no scopes to grant it on; use 'organization' or declare scopes.");
        }
        return targets;
    }
}
