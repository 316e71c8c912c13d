using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class AccessModelPresetsTests
{
    public static TheoryData<string> PresetNames { get; } = ["default", "workshops", "micromobility", "facilities", "workspaces"];

    [Fact]
    public void Names_ListsEveryShippedPreset()
    {
        Assert.Equal(["default", "facilities", "micromobility", "workshops", "workspaces"], AccessModelPresets.Names);
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Load_EveryPreset_LoadsUnderItsOwnName(string name)
    {
        var result = AccessModelPresets.Load(name);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(name, result.Model.Name);
        Assert.NotEmpty(result.Model.Description);
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Load_EveryPreset_HoldsTheEightManagementPermissions(string name)
    {
        var catalog = AccessModelPresets.Require(name).Catalog;

        Assert.All(ManagementPermissions.All, code => Assert.True(catalog.Contains(code), $"{name} lacks {code}"));
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Load_EveryPreset_HasLabelsThatReadInASentence(string name)
    {
        var model = AccessModelPresets.Require(name);

        // "You need the 'Invite users' permission in workshop Berlin": a bare "Create" would not do.
        Assert.All(model.Catalog.All, p => Assert.Matches("^[A-Z][^ ]* [^ ]", model.LabelOf(p.Code)));
        Assert.All(model.Roles, r => Assert.NotEmpty(r.Description));
    }

    [Fact]
    public void Load_WhenPresetIsUnknown_ListsTheKnownNames()
    {
        var result = AccessModelPresets.Load("workshop");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ModelErrorCodes.UnknownPreset, error.Code);
        Assert.Equal("There is no access model preset 'workshop'; choose one of: default, facilities, micromobility, workshops, workspaces.", error.Message);
    }

    [Fact]
    public void Require_WhenPresetIsUnknown_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => AccessModelPresets.Require("nope"));
    }

    [Fact]
    public void Load_Default_HoldsItsContract()
    {
        var model = AccessModelPresets.Require("default");
        string[] content = ["projects.view", "projects.edit", "documents.view", "documents.create", "documents.edit", "documents.delete", "documents.view_own"];

        Assert.Equal((new ScopeKind("project", "projects"), "organization"), (model.Scopes, model.OrganizationLabel));
        Assert.Equal(["admin", "manager", "member", "viewer"], model.Roles.Select(r => r.Key));
        Assert.All(content, code => Assert.True(model.Catalog.Contains(code), code));
        Assert.All(model.Roles, r => Assert.Equal(GrantTargets.Anywhere, r.GrantableAt));
        Assert.Equal(model.Catalog.Count, model.FindRole("admin")!.Permissions.Count);
        Assert.Equal([ManagementPermissions.View, ManagementPermissions.Invite, ManagementPermissions.Assign, ManagementPermissions.Deactivate, .. content],
            model.FindRole("manager")!.Permissions);
        Assert.Equal(["members.view", "projects.view", "projects.edit", "documents.view", "documents.create", "documents.edit"], model.FindRole("member")!.Permissions);
        Assert.Equal(["members.view", "projects.view", "documents.view"], model.FindRole("viewer")!.Permissions);
        Assert.Equal(AccessPolicies.Default, model.Policies);
    }
}
