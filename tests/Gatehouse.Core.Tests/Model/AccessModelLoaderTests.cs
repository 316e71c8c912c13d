using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class AccessModelLoaderTests
{
    [Fact]
    public void Load_WhenFileIsValid_BuildsTheModel()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.Valid, SampleModelText.Source);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var model = result.Model;
        Assert.Equal(("sample", "organisation", new ScopeKind("workshop", "workshops")), (model.Name, model.OrganizationLabel, model.Scopes));
        Assert.Equal(["Team", "Vehicles"], model.Catalog.Categories);
        Assert.Equal(["manager", "basic"], model.Roles.Select(r => r.Key));
        Assert.Equal(GrantTargets.Scope, model.FindRole("basic")!.GrantableAt);
        Assert.Equal("", model.FindRole("manager")!.Description);
    }

    [Fact]
    public void Load_WhenCustomRolesAreNamed_UsesTheWords_ElseTheDefault()
    {
        var named = SampleModelText.With("customRoles: false", "customRoles: true\ncustomRoleLabel:\n  singular: permission group\n  plural: permission groups");

        var model = AccessModelLoader.LoadText(named, SampleModelText.Source).Model!;

        Assert.Equal(new CustomRoleLabel("permission group", "permission groups"), model.CustomRoleLabel);
        Assert.Equal(new CustomRoleLabel("custom role", "custom roles"), AccessModelLoader.LoadText(SampleModelText.Valid, SampleModelText.Source).Model!.CustomRoleLabel);
    }

    [Fact]
    public void Load_WhenRoleUsesStar_HoldsEveryPermissionInCatalogOrder()
    {
        var model = AccessModelLoader.LoadText(SampleModelText.Valid, SampleModelText.Source).Model!;

        Assert.Equal(model.Catalog.All.Select(p => p.Code), model.FindRole("manager")!.Permissions);
    }

    [Theory]
    [InlineData("vehicles.*", new[] { "vehicles.view", "vehicles.diagnose" })]
    [InlineData("\"*.view\"", new[] { "members.view", "audit.view", "vehicles.view" })]
    public void Load_WhenRoleUsesWildcard_ExpandsAgainstTheCatalog(string wildcard, string[] expected)
    {
        var text = SampleModelText.With("      - vehicles.view\n      - vehicles.diagnose\n", "").Replace("- members.view", "- " + wildcard, StringComparison.Ordinal);

        var model = AccessModelLoader.LoadText(text, SampleModelText.Source).Model!;

        Assert.Equal(expected, model.FindRole("basic")!.Permissions);
    }

    [Fact]
    public void Load_WhenPoliciesAreLeftOut_UsesTheDefaults()
    {
        var text = SampleModelText.With("policies:\n  invitationLifetime: 7d\n  seatCounting: activeMembers\n  customRoles: false", "");

        var model = AccessModelLoader.LoadText(text, SampleModelText.Source).Model!;

        Assert.Equal(AccessPolicies.Default, model.Policies);
        Assert.Empty(model.InlineRolePermissions);
    }

    [Theory]
    [InlineData("48h", 48 * 60)]
    [InlineData("30m", 30)]
    [InlineData("14d", 14 * 24 * 60)]
    public void Load_WhenLifetimeHasAUnit_ReadsIt(string written, int minutes)
    {
        var text = SampleModelText.With("invitationLifetime: 7d", "invitationLifetime: " + written);

        Assert.Equal(TimeSpan.FromMinutes(minutes), AccessModelLoader.LoadText(text, SampleModelText.Source).Model!.Policies.InvitationLifetime);
    }

    [Fact]
    public void Load_WhenPermissionHasFullLabel_SentencesUseIt()
    {
        var text = SampleModelText.With("label: Run diagnostics", "label: Run, fullLabel: Run vehicle diagnostics");

        var model = AccessModelLoader.LoadText(text, SampleModelText.Source).Model!;

        Assert.Equal("Run", model.Catalog.All.Single(p => p.Code == "vehicles.diagnose").Label);
        Assert.Equal("Run vehicle diagnostics", model.LabelOf("vehicles.diagnose"));
        Assert.Equal("View vehicles", model.LabelOf("vehicles.view"));
    }

    [Fact]
    public void LoadFile_WhenFileIsMissing_SaysWhichFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gatehouse-missing-{Guid.NewGuid():N}.yaml");

        var error = Assert.Single(AccessModelLoader.LoadFile(path).Errors);

        Assert.Equal((ModelErrorCodes.FileUnreadable, 0), (error.Code, error.Line));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_WhenFileIsBad_NamesThePathInMessages()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gatehouse-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SampleModelText.With("seatCounting: activeMembers", "seatCounting: everyone"));
        try
        {
            var error = Assert.Single(AccessModelLoader.LoadFile(path).Errors);

            Assert.StartsWith($"{path} line 37 (policies.seatCounting): ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ToResult_WhenOneProblem_KeepsItsCodeAndPath()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("seatCounting: activeMembers", "seatCounting: everyone"), SampleModelText.Source).ToResult();

        Assert.Equal((ModelErrorCodes.InvalidValue, "policies.seatCounting"), (result.Error?.Code, result.Error?.Field));
    }

    [Fact]
    public void ToResult_WhenSeveralProblems_CarriesEveryMessage()
    {
        var text = SampleModelText.With("seatCounting: activeMembers", "seatCounting: everyone").Replace("- vehicles.diagnose", "- vehicles.fly", StringComparison.Ordinal);

        Gatehouse.Core.Errors.Result<AccessModel> result = AccessModelLoader.LoadText(text, SampleModelText.Source);

        Assert.Equal(AccessModelLoadResult.InvalidModelCode, result.Error?.Code);
        Assert.Contains("line 34 (roles.basic.permissions[2])", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("line 37 (policies.seatCounting)", result.Error.Message, StringComparison.Ordinal);
    }
}
