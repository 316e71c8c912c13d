namespace Gatehouse.Core.Model.Loading;

/// <summary>What the categories section yielded, kept even when parts were wrong so roles can still be checked.</summary>
/// <param name="Permissions">Valid, unique permissions in file order.</param>
/// <param name="Declared">Every codename written in the catalog, valid or not, so a role naming a broken one is not reported twice.</param>
/// <param name="InlineRolePermissions">Codenames of the categories marked <c>inlineRoles: true</c>.</param>
/// <param name="FirstInlineCategory">Where the first such mark is, to point at it when the policy disagrees.</param>
internal sealed record CatalogDraft(
    IReadOnlyList<Permission> Permissions,
    IReadOnlySet<string> Declared,
    IReadOnlySet<string> InlineRolePermissions,
    Location? FirstInlineCategory);
