namespace Gatehouse.Core.Model.Loading;

/// <summary>Stable codes of <see cref="ModelError"/>; part of the public contract.</summary>
public static class ModelErrorCodes
{
    /// <summary>The file could not be read.</summary>
    public const string FileUnreadable = "file_unreadable";

    /// <summary>No preset has the requested name.</summary>
    public const string UnknownPreset = "unknown_preset";

    /// <summary>The text is not valid YAML.</summary>
    public const string MalformedYaml = "malformed_yaml";

    /// <summary>The file holds no document, or more than one.</summary>
    public const string NotOneDocument = "not_one_document";

    /// <summary>A mapping holds the same key twice.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>A required key is absent.</summary>
    public const string MissingKey = "missing_key";

    /// <summary>A key the format does not know (often a typo).</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>A value of the wrong kind: a list where text is expected, "yes" for true.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A required value is empty.</summary>
    public const string EmptyValue = "empty_value";

    /// <summary>A value outside its allowed set (grantableAt, seatCounting, accountDeletion, name).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>The catalog has no category.</summary>
    public const string EmptyCatalog = "empty_catalog";

    /// <summary>A category has no permission.</summary>
    public const string EmptyCategory = "empty_category";

    /// <summary>Two categories share a label.</summary>
    public const string DuplicateCategory = "duplicate_category";

    /// <summary>A codename is not <c>resource.action</c> in lowercase letters, digits and underscores.</summary>
    public const string InvalidCodename = "invalid_codename";

    /// <summary>A codename is declared twice.</summary>
    public const string DuplicatePermission = "duplicate_permission";

    /// <summary>One of the eight management permissions is not in the catalog.</summary>
    public const string MissingManagementPermission = "missing_management_permission";

    /// <summary>The model has no system role.</summary>
    public const string NoRoles = "no_roles";

    /// <summary>A role key is not lowercase snake_case or uses the custom-role prefix <c>r_</c>.</summary>
    public const string InvalidRoleKey = "invalid_role_key";

    /// <summary>Two roles share a name.</summary>
    public const string DuplicateRoleName = "duplicate_role_name";

    /// <summary>A role lists no permission.</summary>
    public const string EmptyRole = "empty_role";

    /// <summary>A role names a permission (or a wildcard matching none) that is not in the catalog.</summary>
    public const string UnknownPermission = "unknown_permission";

    /// <summary>A permission's <c>implies</c> leads back to itself, directly or through others.</summary>
    public const string ImplicationCycle = "implication_cycle";

    /// <summary>A wildcard other than <c>*</c>, <c>resource.*</c> or <c>*.action</c>.</summary>
    public const string InvalidPattern = "invalid_pattern";

    /// <summary>A role may be granted where the model has nothing to grant on (a scope in a model without scopes).</summary>
    public const string RoleNotGrantable = "role_not_grantable";

    /// <summary>An invitation lifetime that is not a positive duration such as <c>7d</c>.</summary>
    public const string InvalidLifetime = "invalid_lifetime";

    /// <summary>Inline-role categories and the <c>inlineRoles</c> policy disagree.</summary>
    public const string InlineRolesMismatch = "inline_roles_mismatch";
}
