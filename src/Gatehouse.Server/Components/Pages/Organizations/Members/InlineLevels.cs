using Gatehouse.Core.Model;

namespace Gatehouse.Server.Components.Pages.Organizations.Members;

/// <summary>One category of a one-off Custom role: the permissions "View" gives and the permissions "Edit" gives.</summary>
/// <param name="Index">Its position, the form's name for it.</param>
/// <param name="Label">The category's label ("Assets Management").</param>
/// <param name="View">The category's view permissions offered to one-off roles (<c>assets.view</c>).</param>
/// <param name="Edit">Every permission of the category offered to one-off roles: edit includes view.</param>
public sealed record InlineCategory(int Index, string Label, IReadOnlyList<string> View, IReadOnlyList<string> Edit)
{
    /// <summary>"View" is offered when the category has a view permission.</summary>
    public bool OffersView => View.Count > 0;

    /// <summary>"Edit" is offered when the category has more than its view permissions.</summary>
    public bool OffersEdit => Edit.Count > View.Count;
}

/// <summary>
/// The Custom role editor's "No access / View / Edit" per category, mapped onto the categories the access model offers
/// to one-off roles (<c>inlineRoles: true</c> in the preset): view is the category's <c>*.view</c> permissions, edit is all
/// of them, as the preset's Read-only (<c>*.view</c>) and Admin (<c>*</c>) roles read them.
/// </summary>
public static class InlineLevels
{
    /// <summary>No permission of the category.</summary>
    public const string None = "none";

    /// <summary>The category's view permissions.</summary>
    public const string View = "view";

    /// <summary>All the category's permissions.</summary>
    public const string Edit = "edit";

    /// <summary>The categories of the model that one-off roles are made of, in catalog order.</summary>
    public static IReadOnlyList<InlineCategory> Of(AccessModel model)
    {
        var offered = model.Catalog.All.Where(p => model.InlineRolePermissions.Contains(p.Code)).ToList();
        return [.. model.Catalog.Categories
            .Select(label => offered.Where(p => p.Category == label).ToList())
            .Where(permissions => permissions.Count > 0)
            .Select((permissions, i) => new InlineCategory(i, permissions[0].Category,
                [.. permissions.Where(p => p.Action == "view").Select(p => p.Code)], [.. permissions.Select(p => p.Code)]))];
    }

    /// <summary>The level a set of permissions gives in a category: edit when it holds more than viewing, view when it can view.</summary>
    public static string LevelOf(InlineCategory category, IReadOnlySet<string> held) =>
        category.Edit.Except(category.View).Any(held.Contains) ? Edit
        : category.View.Any(held.Contains) ? View
        : None;

    /// <summary>The permissions of a level in a category; an unknown level gives none.</summary>
    public static IReadOnlyList<string> PermissionsOf(InlineCategory category, string? level) => level switch
    {
        View => category.View,
        Edit => category.Edit,
        _ => [],
    };
}
