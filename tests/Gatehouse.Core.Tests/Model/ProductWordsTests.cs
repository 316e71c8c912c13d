using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class ProductWordsTests
{
    [Fact]
    public void Load_WithoutWords_UsesTheConsolesOwnText()
    {
        var model = AccessModelLoader.LoadText(SampleModelText.Valid, SampleModelText.Source).Model!;

        Assert.Equal(new ProductWords("Users", "Invite user", "Invite user", "Roles", "Create custom role", "Remove from the organisation", null), model.Words);
        Assert.False(model.Words.RemoveActionNamed);
    }

    [Fact]
    public void Load_WithoutWords_NamesTheRolesAfterTheCustomRoleLabel()
    {
        var text = SampleModelText.With("customRoles: false", "customRoles: true\ncustomRoleLabel:\n  singular: permission group\n  plural: permission groups");

        var words = AccessModelLoader.LoadText(text, SampleModelText.Source).Model!.Words;

        Assert.Equal(("Permission groups", "Create permission group"), (words.RolesSection, words.CreateRoleAction));
    }

    [Fact]
    public void Load_WithWords_ReplacesTheNamedOnesAndKeepsTheRest()
    {
        var text = SampleModelText.With("organizationLabel: organisation\n",
            "organizationLabel: organisation\nwords:\n  usersSection: User access\n  inviteAction: Add User\n  removeAction: Delete\n  adminArea: Administration\n");

        var result = AccessModelLoader.LoadText(text, SampleModelText.Source);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ProductWords("User access", "Add User", "Add User", "Roles", "Create custom role", "Delete", "Administration") { RemoveActionNamed = true },
            result.Model.Words);
    }

    [Fact]
    public void Load_WithAnUnknownWord_ReportsTheKeyAndTheKnownOnes()
    {
        var text = SampleModelText.With("organizationLabel: organisation\n", "organizationLabel: organisation\nwords:\n  deleteButton: Delete\n");

        var result = AccessModelLoader.LoadText(text, SampleModelText.Source);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ModelErrorCodes.UnknownKey, 5, "words.deleteButton"), (error.Code, error.Line, error.Path));
        Assert.Contains("unknown key 'deleteButton' in 'words'", error.Message, StringComparison.Ordinal);
        Assert.Contains("usersSection, inviteAction, sendInvitation, rolesSection, createRoleAction, removeAction, adminArea", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithAnEmptyWord_ReportsIt()
    {
        var text = SampleModelText.With("organizationLabel: organisation\n", "organizationLabel: organisation\nwords:\n  inviteAction: ''\n");

        var error = Assert.Single(AccessModelLoader.LoadText(text, SampleModelText.Source).Errors);

        Assert.Equal((ModelErrorCodes.EmptyValue, "words.inviteAction"), (error.Code, error.Path));
    }
}
