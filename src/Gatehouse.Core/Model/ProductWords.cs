namespace Gatehouse.Core.Model;

/// <summary>
/// The console's names for its sections and actions, in the product's own words where its help centre uses others
/// ("User access" and "Add User" in seed 002, "Groups" and "Create Group" in seed 003). Each defaults to the console's
/// own text; the model's <c>words:</c> mapping replaces the ones it names.
/// </summary>
/// <param name="UsersSection">The user list's section, page title and heading: "Users".</param>
/// <param name="InviteAction">The action that opens the invitation form, and that form's title: "Invite user".</param>
/// <param name="SendInvitation">The invitation form's submit button: the invite action's words unless named.</param>
/// <param name="RolesSection">The roles section: "Roles", or the custom role label's plural ("Permission groups").</param>
/// <param name="CreateRoleAction">The action that opens the form for a new custom role: "Create custom role".</param>
/// <param name="RemoveAction">The action that removes a member from the organization: "Remove from the organization".</param>
/// <param name="AdminArea">The name of the organization's sections together ("Administration", seed 004); null when unnamed.</param>
public sealed record ProductWords(
    string UsersSection,
    string InviteAction,
    string SendInvitation,
    string RolesSection,
    string CreateRoleAction,
    string RemoveAction,
    string? AdminArea)
{
    /// <summary>The keys a model's <c>words:</c> mapping may hold, as spelled in YAML.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["usersSection", "inviteAction", "sendInvitation", "rolesSection", "createRoleAction", "removeAction", "adminArea"];

    /// <summary>True when the model named the remove action, so the confirming button says it rather than the default sentence.</summary>
    public bool RemoveActionNamed { get; init; }

    /// <summary>The console's own words for a model with these labels.</summary>
    public static ProductWords Defaults(string organizationLabel, CustomRoleLabel customRoleLabel) => new(
        UsersSection: "Users",
        InviteAction: "Invite user",
        SendInvitation: "Invite user",
        RolesSection: customRoleLabel == CustomRoleLabel.Default ? "Roles" : Capital(customRoleLabel.Plural),
        CreateRoleAction: "Create " + customRoleLabel.Singular,
        RemoveAction: "Remove from the " + organizationLabel,
        AdminArea: null);

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
