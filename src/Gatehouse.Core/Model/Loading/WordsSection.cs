namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads the model's <c>words:</c> mapping: the product's names for the console's sections and actions.</summary>
internal static class WordsSection
{
    /// <summary>The defaults with the words the model names; unknown keys are reported by the reader.</summary>
    public static ProductWords Read(ModelReader reader, MappingFields root, string organizationLabel, CustomRoleLabel customRoleLabel)
    {
        var defaults = ProductWords.Defaults(organizationLabel, customRoleLabel);
        if (root.Optional("words") is not { } node
            || reader.Mapping(node, "words", [.. ProductWords.Keys], "'words' (the console's names for its sections and actions)") is not { } words)
        {
            return defaults;
        }
        var inviteAction = words.OptionalText("inviteAction", defaults.InviteAction);
        var adminArea = words.OptionalText("adminArea", "");
        return new ProductWords(
            UsersSection: words.OptionalText("usersSection", defaults.UsersSection),
            InviteAction: inviteAction,
            // Without its own words the button repeats the action that opened the form.
            SendInvitation: words.OptionalText("sendInvitation", inviteAction),
            RolesSection: words.OptionalText("rolesSection", defaults.RolesSection),
            CreateRoleAction: words.OptionalText("createRoleAction", defaults.CreateRoleAction),
            RemoveAction: words.OptionalText("removeAction", defaults.RemoveAction),
            AdminArea: adminArea.Length == 0 ? null : adminArea)
        {
            RemoveActionNamed = words.Optional("removeAction") is not null,
        };
    }
}
