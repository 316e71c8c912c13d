using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Model;

/// <summary>Seed 002: "For each category, you can either select a view-only or edit access": edit includes view.</summary>
public class PermissionImplicationTests
{
    [Fact]
    public void Load_PermissionImplyingAnother_RoleSetHoldsBoth_WhileTheRoleListsWhatWasWritten()
    {
        var text = SampleModelText.With("label: Run diagnostics }", "label: Run diagnostics, implies: [vehicles.view] }")
            .Replace("      - vehicles.view\n", "");

        var result = AccessModelLoader.LoadText(text, SampleModelText.Source);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var model = result.Model;
        Assert.Equal(["members.view", "vehicles.diagnose"], model.FindRole("basic")!.Permissions);
        Assert.Equal(["members.view", "vehicles.view", "vehicles.diagnose"], model.Catalog.CodesOf(model.SystemRolePermissions("basic")!));
        Assert.Equal(["vehicles.view"], model.Catalog.All.Single(p => p.Code == "vehicles.diagnose").Implies);
    }

    [Fact]
    public void SetOf_ImplicationsInAChain_AreFollowedThrough()
    {
        var catalog = new PermissionCatalog([
            new Permission("files.view", "Files", "View"),
            new Permission("files.edit", "Files", "Edit") { Implies = ["files.view"] },
            new Permission("files.delete", "Files", "Delete") { Implies = ["files.edit"] },
        ]);

        Assert.Equal(["files.view", "files.edit", "files.delete"], catalog.CodesOf(catalog.SetOf(["files.delete"])));
        Assert.Equal(["files.view"], catalog.CodesOf(catalog.SetOf(["files.view"])));
        Assert.Equal([0, 1], catalog.ImpliedBy(2));
    }

    [Fact]
    public void Micromobility_EveryCategorysEdit_ImpliesItsView()
    {
        var model = TestModels.Micromobility;
        string[] resources = ["assets", "account", "billing", "claims", "insurance", "workforce"];

        Assert.All(resources, r => Assert.Equal([r + ".view"], model.Catalog.All.Single(p => p.Code == r + ".edit").Implies));
        Assert.All(resources, r => Assert.Empty(model.Catalog.All.Single(p => p.Code == r + ".view").Implies));
    }

    [Fact]
    public void Presets_WhereAViewPairsWithOwnItems_ImplyNothingForIt()
    {
        // With view_own, "edit without view" is a real choice: a technician edits their own work orders only.
        Assert.All(TestModels.Facilities.Catalog.All, p => Assert.Empty(p.Implies));
        Assert.All(TestModels.Default.Catalog.All.Where(p => p.Resource == "documents"), p => Assert.Empty(p.Implies));
        Assert.Equal(["projects.view"], TestModels.Default.Catalog.All.Single(p => p.Code == "projects.edit").Implies);
    }
}
