using System.Collections.Frozen;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads the top level of a model file and assembles the sections into an <see cref="AccessModel"/>.</summary>
internal static partial class ModelDocument
{
    private static readonly string[] TopKeys = ["name", "description", "organizationLabel", "customRoleLabel", "words", "scopes", "categories", "roles", "policies"];
    private static readonly string[] WordKeys = ["singular", "plural"];

    /// <summary>The model, or null when <paramref name="reader"/> holds errors.</summary>
    public static AccessModel? Read(ModelReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "", TopKeys, "the access model") is not { } root)
        {
            return null;
        }
        var name = root.RequiredText("name");
        if (name is not null && !NameShape().IsMatch(name))
        {
            reader.Report(root.Optional("name")!, "name", ModelErrorCodes.InvalidValue,
                $"name '{name}' must be lowercase letters, digits, '-' or '_' (it names the model in configuration); put prose in 'description'.");
        }
        var description = root.OptionalText("description", "");
        var organizationLabel = root.OptionalText("organizationLabel", "organization");
        var customRoleLabel = ReadCustomRoleLabel(reader, root);
        var words = WordsSection.Read(reader, root, organizationLabel, customRoleLabel ?? CustomRoleLabel.Default);
        var scopes = ReadScopes(reader, root);
        var catalog = CatalogSection.Read(reader, root);
        var (policies, inlineRolesPolicy) = PolicySection.Read(reader, root);
        // Broken scopes are already reported; judging roles against "no scopes" would only add noise.
        var roles = RoleSection.Read(reader, root, catalog, hasScopes: root.Optional("scopes") is not null);
        CheckInlineRoles(reader, catalog, policies, inlineRolesPolicy ?? root.Where);
        CheckCustomRoleLabel(reader, root, policies);
        if (reader.HasErrors)
        {
            return null;
        }
        return new AccessModel(name!, description, scopes, new PermissionCatalog(catalog.Permissions), roles, policies, organizationLabel)
        {
            InlineRolePermissions = catalog.InlineRolePermissions.ToFrozenSet(StringComparer.Ordinal),
            CustomRoleLabel = customRoleLabel ?? CustomRoleLabel.Default,
            Words = words,
        };
    }

    private static ScopeKind? ReadScopes(ModelReader reader, MappingFields root)
    {
        if (root.Optional("scopes") is not { } node || reader.Mapping(node, "scopes", WordKeys, "'scopes'") is not { } scopes)
        {
            return null;
        }
        var singular = scopes.RequiredText("singular");
        var plural = scopes.RequiredText("plural");
        return singular is null || plural is null ? null : new ScopeKind(singular, plural);
    }

    private static CustomRoleLabel? ReadCustomRoleLabel(ModelReader reader, MappingFields root)
    {
        if (root.Optional("customRoleLabel") is not { } node || reader.Mapping(node, "customRoleLabel", WordKeys, "'customRoleLabel'") is not { } label)
        {
            return null;
        }
        var singular = label.RequiredText("singular");
        var plural = label.RequiredText("plural");
        return singular is null || plural is null ? null : new CustomRoleLabel(singular, plural);
    }

    // A word for something the model does not allow would show a label for nothing.
    private static void CheckCustomRoleLabel(ModelReader reader, MappingFields root, AccessPolicies policies)
    {
        if (!policies.CustomRoles && root.Optional("customRoleLabel") is { } node)
        {
            reader.Report(node, "customRoleLabel", ModelErrorCodes.InvalidValue,
                "customRoleLabel names the roles organizations make themselves, but the policy 'customRoles' is off; turn it on or remove the label.");
        }
    }

    // The two halves of the inline-role notion live in different sections; a model that sets only one is a mistake.
    private static void CheckInlineRoles(ModelReader reader, CatalogDraft catalog, AccessPolicies policies, Location policy)
    {
        if (policies.InlineRoles && catalog.InlineRolePermissions.Count == 0)
        {
            reader.Report(policy, ModelErrorCodes.InlineRolesMismatch,
                "inline roles are on, but no category is marked 'inlineRoles: true'; mark the categories an inline role may pick from.");
        }
        else if (!policies.InlineRoles && catalog.FirstInlineCategory is { } marked)
        {
            reader.Report(marked, ModelErrorCodes.InlineRolesMismatch,
                "this category is offered to inline roles, but the policy 'inlineRoles' is off; turn it on or remove the mark.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NameShape();
}
