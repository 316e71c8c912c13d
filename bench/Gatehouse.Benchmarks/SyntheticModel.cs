using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>A 200-permission access model: the 8 management permissions and 24 resources with 8 actions each, and 8 system roles.</summary>
public static class SyntheticModel
{
    private static readonly string[] Actions = ["view", "view_own", "create", "edit", "delete", "approve", "export", "assign"];

    /// <summary>System role keys with the share of generated grants that use each; the rest use custom roles.</summary>
    public static readonly (string Key, int Weight)[] SystemRoleWeights =
        [("technician", 30), ("viewer", 20), ("clerk", 15), ("supervisor", 10), ("guest", 10), ("manager", 7), ("auditor", 5), ("admin", 3)];

    /// <summary>Builds the model.</summary>
    public static AccessModel Create()
    {
        var resources = Enumerable.Range(0, 24).Select(r => $"resource{r:00}").ToArray();
        var business = resources.SelectMany(r => Actions.Select(a => $"{r}.{a}")).ToArray();
        var all = ManagementPermissions.All.Concat(business).ToArray();
        var catalog = new PermissionCatalog(all.Select(c => new Permission(c, c[..c.IndexOf('.')], c)));
        string[] Pick(int resourceCount, params string[] actions) =>
            [.. resources.Take(resourceCount).SelectMany(r => actions.Select(a => $"{r}.{a}"))];
        RoleDefinition[] roles =
        [
            Role("admin", all),
            Role("manager", [.. business, ManagementPermissions.View, ManagementPermissions.Invite, ManagementPermissions.Assign]),
            Role("supervisor", Pick(24, "view", "create", "edit", "approve")),
            Role("technician", Pick(12, "view_own", "create", "edit")),
            Role("viewer", Pick(24, "view")),
            Role("auditor", [.. Pick(24, "view", "export"), ManagementPermissions.ViewAudit]),
            Role("clerk", [.. Pick(24, "view"), .. Pick(6, "create", "edit")]),
            Role("guest", Pick(8, "view_own")),
        ];
        return new AccessModel("synthetic", "Benchmark model.", new ScopeKind("site", "sites"), catalog, roles, AccessPolicies.Default);
    }

    private static RoleDefinition Role(string key, string[] permissions) =>
        new(key, key, $"The {key} role.", permissions, GrantTargets.Anywhere);
}
