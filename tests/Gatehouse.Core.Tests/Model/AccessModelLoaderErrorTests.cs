using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class AccessModelLoaderErrorTests
{
    /// <summary>Case, text to find in the sample, its replacement, expected code, line and key path.</summary>
    public static TheoryData<string, string, string, string, int, string> BadFiles { get; } = new()
    {
        { "unknown permission in a role", "- vehicles.diagnose", "- vehicles.fly", ModelErrorCodes.UnknownPermission, 34, "roles.basic.permissions[2]" },
        { "wildcard matching nothing", "- vehicles.diagnose", "- tyres.*", ModelErrorCodes.UnknownPermission, 34, "roles.basic.permissions[2]" },
        { "wildcard of unknown shape", "- vehicles.diagnose", "- vehicles.d*", ModelErrorCodes.InvalidPattern, 34, "roles.basic.permissions[2]" },
        { "duplicate codename", "code: vehicles.diagnose", "code: vehicles.view", ModelErrorCodes.DuplicatePermission, 21, "categories[1].permissions[1].code" },
        { "codename with capitals", "code: vehicles.diagnose", "code: Vehicles.Diagnose", ModelErrorCodes.InvalidCodename, 21, "categories[1].permissions[1].code" },
        { "codename without action", "code: vehicles.diagnose", "code: diagnose", ModelErrorCodes.InvalidCodename, 21, "categories[1].permissions[1].code" },
        { "missing management permission", "code: audit.view", "code: audit.read", ModelErrorCodes.MissingManagementPermission, 8, "categories" },
        { "duplicate category", "label: Vehicles", "label: Team", ModelErrorCodes.DuplicateCategory, 18, "categories[1]" },
        { "category without permissions", "    permissions:\n      - { code: vehicles.view, label: View vehicles }\n      - { code: vehicles.diagnose, label: Run diagnostics }\n", "    permissions: []\n", ModelErrorCodes.EmptyCategory, 19, "categories[1].permissions" },
        { "catalog without categories", "categories:", "categories: []\nunused:", ModelErrorCodes.EmptyCatalog, 7, "categories" },
        { "duplicate role key", "  basic:", "  manager:", ModelErrorCodes.DuplicateKey, 27, "roles.manager" },
        { "role key with capitals", "  basic:", "  Basic:", ModelErrorCodes.InvalidRoleKey, 27, "roles.Basic" },
        { "role key with custom-role prefix", "  basic:", "  r_basic:", ModelErrorCodes.InvalidRoleKey, 27, "roles.r_basic" },
        { "two roles with one name", "name: Basic rights", "name: Manager rights", ModelErrorCodes.DuplicateRoleName, 28, "roles.basic.name" },
        { "role without permissions", "permissions: [\"*\"]", "permissions: []", ModelErrorCodes.EmptyRole, 26, "roles.manager.permissions" },
        { "grantableAt not a target", "grantableAt: scope", "grantableAt: workshop", ModelErrorCodes.InvalidValue, 30, "roles.basic.grantableAt" },
        { "malformed YAML", "name: Manager rights", "name: Manager: rights", ModelErrorCodes.MalformedYaml, 24, "roles.manager.name" },
        { "unclosed flow list", "permissions: [\"*\"]", "permissions: [\"*\"", ModelErrorCodes.MalformedYaml, 26, "roles.manager.permissions" },
        { "unquoted star", "permissions: [\"*\"]", "permissions: *", ModelErrorCodes.MalformedYaml, 26, "roles.manager.permissions" },
        { "unknown key (typo)", "grantableAt: anywhere", "grantable_at: anywhere", ModelErrorCodes.UnknownKey, 25, "roles.manager.grantable_at" },
        { "unknown top-level key", "organizationLabel:", "organisationLabel:", ModelErrorCodes.UnknownKey, 3, "organisationLabel" },
        { "missing required key", "    grantableAt: scope\n", "", ModelErrorCodes.MissingKey, 28, "roles.basic" },
        { "text where a list belongs", "categories:\n", "categories: Team\nunused:\n", ModelErrorCodes.WrongType, 7, "categories" },
        { "list where text belongs", "name: sample", "name: [sample]", ModelErrorCodes.WrongType, 1, "name" },
        { "scopes as text", "scopes:\n  singular: workshop\n  plural: workshops\n", "scopes: workshop\n", ModelErrorCodes.WrongType, 4, "scopes" },
        { "custom role label as text", "customRoles: false", "customRoles: true\ncustomRoleLabel: group", ModelErrorCodes.WrongType, 39, "customRoleLabel" },
        { "custom role label without plural", "customRoles: false", "customRoles: true\ncustomRoleLabel:\n  singular: group", ModelErrorCodes.MissingKey, 40, "customRoleLabel" },
        { "custom role label without custom roles", "customRoles: false", "customRoles: false\ncustomRoleLabel:\n  singular: group\n  plural: groups", ModelErrorCodes.InvalidValue, 40, "customRoleLabel" },
        { "scopes without plural", "  plural: workshops\n", "", ModelErrorCodes.MissingKey, 5, "scopes" },
        { "yes for a boolean", "customRoles: false", "customRoles: no", ModelErrorCodes.WrongType, 38, "policies.customRoles" },
        { "empty required value", "name: Basic rights", "name: ''", ModelErrorCodes.EmptyValue, 28, "roles.basic.name" },
        { "model name with spaces", "name: sample", "name: Sample model", ModelErrorCodes.InvalidValue, 1, "name" },
        { "zero invitation lifetime", "invitationLifetime: 7d", "invitationLifetime: 0d", ModelErrorCodes.InvalidLifetime, 36, "policies.invitationLifetime" },
        { "negative invitation lifetime", "invitationLifetime: 7d", "invitationLifetime: -7d", ModelErrorCodes.InvalidLifetime, 36, "policies.invitationLifetime" },
        { "invitation lifetime without unit", "invitationLifetime: 7d", "invitationLifetime: 7", ModelErrorCodes.InvalidLifetime, 36, "policies.invitationLifetime" },
        { "invitation lifetime over a year", "invitationLifetime: 7d", "invitationLifetime: 400d", ModelErrorCodes.InvalidLifetime, 36, "policies.invitationLifetime" },
        { "unknown seat counting", "seatCounting: activeMembers", "seatCounting: everyone", ModelErrorCodes.InvalidValue, 37, "policies.seatCounting" },
        { "unknown member notification", "customRoles: false", "customRoles: false\n  memberNotifications: [removed, fired]", ModelErrorCodes.InvalidValue, 39, "policies.memberNotifications[1]" },
        { "member notification twice", "customRoles: false", "customRoles: false\n  memberNotifications: [removed, removed]", ModelErrorCodes.InvalidValue, 39, "policies.memberNotifications[1]" },
        { "member notifications as text", "customRoles: false", "customRoles: false\n  memberNotifications: removed", ModelErrorCodes.WrongType, 39, "policies.memberNotifications" },
        { "inline roles with nothing to pick", "customRoles: false", "customRoles: false\n  inlineRoles: true", ModelErrorCodes.InlineRolesMismatch, 39, "policies.inlineRoles" },
        { "implies an unknown permission", "label: Run diagnostics }", "label: Run diagnostics, implies: [vehicles.fly] }", ModelErrorCodes.UnknownPermission, 21, "categories[1].permissions[1].implies[0]" },
        { "permission implying itself", "label: Run diagnostics }", "label: Run diagnostics, implies: [vehicles.diagnose] }", ModelErrorCodes.ImplicationCycle, 21, "categories[1].permissions[1].implies[0]" },
        { "implications in a circle", "label: View vehicles }\n      - { code: vehicles.diagnose, label: Run diagnostics }", "label: View vehicles, implies: [vehicles.diagnose] }\n      - { code: vehicles.diagnose, label: Run diagnostics, implies: [vehicles.view] }", ModelErrorCodes.ImplicationCycle, 20, "categories[1].permissions[0].implies[0]" },
        { "implies as text", "label: Run diagnostics }", "label: Run diagnostics, implies: vehicles.view }", ModelErrorCodes.WrongType, 21, "categories[1].permissions[1].implies" },
        { "inline category without the policy", "label: Vehicles\n", "label: Vehicles\n    inlineRoles: true\n", ModelErrorCodes.InlineRolesMismatch, 19, "categories[1].inlineRoles" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Load_WhenFileIsBad_ReportsCodeLineAndKey(string @case, string find, string replacement, string code, int line, string path)
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With(find, replacement), SampleModelText.Source);

        Assert.False(result.Succeeded, @case);
        var error = Assert.Single(result.Errors, e => e.Code == code);
        Assert.Equal((line, path), (error.Line, error.Path));
        var place = path.Length == 0 ? $"sample.yaml line {line}: " : $"sample.yaml line {line} ({path}): ";
        Assert.StartsWith(place, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenRoleNamesUnknownPermission_ReportsLineAndKey()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("- vehicles.diagnose", "- vehicles.fly"), SampleModelText.Source);

        var error = Assert.Single(result.Errors);
        Assert.Equal(
            "sample.yaml line 34 (roles.basic.permissions[2]): unknown permission 'vehicles.fly'; add it to the catalog or remove it from the role.",
            error.Message);
    }

    [Fact]
    public void Load_WhenRoleIsGrantableOnScopesButModelHasNone_ReportsEachRole()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("scopes:\n  singular: workshop\n  plural: workshops\n", ""), SampleModelText.Source);

        Assert.Equal(
            [(ModelErrorCodes.RoleNotGrantable, 22, "roles.manager.grantableAt"), (ModelErrorCodes.RoleNotGrantable, 27, "roles.basic.grantableAt")],
            result.Errors.Select(e => (e.Code, e.Line, e.Path)));
        Assert.Contains("role 'basic' is grantable at 'scope', but the model has no scopes", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenWildcardIsUnquoted_SaysToQuoteIt()
    {
        var error = Assert.Single(AccessModelLoader.LoadText(SampleModelText.With("permissions: [\"*\"]", "permissions: *.view"), SampleModelText.Source).Errors);

        Assert.Equal((26, "roles.manager.permissions"), (error.Line, error.Path));
        Assert.EndsWith("a wildcard starting with '*' must be quoted, as in \"*\" or \"*.view\".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenKeyIsMisspelled_SuggestsTheKnownKey()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("grantableAt: anywhere", "grantable_at: anywhere"), SampleModelText.Source);

        var error = Assert.Single(result.Errors, e => e.Code == ModelErrorCodes.UnknownKey);
        Assert.Contains("did you mean 'grantableAt'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenManagementPermissionsAreMissing_NamesEachOne()
    {
        var text = SampleModelText.With("      - { code: roles.manage, label: Manage roles }\n", "").Replace("code: audit.view", "code: audit.read", StringComparison.Ordinal);

        var error = Assert.Single(AccessModelLoader.LoadText(text, SampleModelText.Source).Errors);

        Assert.Contains("'roles.manage', 'audit.view'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenSeveralThingsAreWrong_ReportsEachInLineOrder()
    {
        var text = SampleModelText.With("seatCounting: activeMembers", "seatCounting: everyone").Replace("- vehicles.diagnose", "- vehicles.fly", StringComparison.Ordinal);

        var result = AccessModelLoader.LoadText(text, SampleModelText.Source);

        Assert.Equal([(34, ModelErrorCodes.UnknownPermission), (37, ModelErrorCodes.InvalidValue)], result.Errors.Select(e => (e.Line, e.Code)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("name: a\n---\nname: b\n")]
    public void Load_WhenFileIsNotOneDocument_SaysSo(string text)
    {
        var error = Assert.Single(AccessModelLoader.LoadText(text, "empty.yaml").Errors);

        Assert.Equal((ModelErrorCodes.NotOneDocument, 1), (error.Code, error.Line));
        Assert.StartsWith("empty.yaml line 1: the file ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenTopLevelIsAList_ReportsWrongType()
    {
        var error = Assert.Single(AccessModelLoader.LoadText("- name: a\n", "list.yaml").Errors);

        Assert.Equal((ModelErrorCodes.WrongType, 1), (error.Code, error.Line));
    }
}
