using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access;

/// <summary>A small workshop-like access model shared by the access engine's example tests.</summary>
internal static class AccessTestModel
{
    public const string ViewWorkOrders = "work_orders.view";
    public const string ViewOwnWorkOrders = "work_orders.view_own";
    public const string CreateWorkOrders = "work_orders.create";
    public const string ViewInvoices = "invoices.view";
    public const string ApproveInvoices = "invoices.approve";

    public static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static AccessModel Definition { get; } = Create();

    public static PermissionId Resolve(string code) => Definition.Catalog.Resolve(code);

    /// <summary>An engine on a fake clock set to <see cref="Now"/>, with the organizations loaded.</summary>
    public static (AccessEngine Engine, FakeTimeProvider Clock) Engine(params OrganizationSnapshot[] organizations)
    {
        var clock = new FakeTimeProvider(Now);
        var engine = new AccessEngine(Definition, clock);
        foreach (var organization in organizations)
        {
            engine.Load(organization);
        }
        return (engine, clock);
    }

    private static AccessModel Create()
    {
        string[] business = [ViewWorkOrders, ViewOwnWorkOrders, CreateWorkOrders, ViewInvoices, ApproveInvoices];
        var catalog = new PermissionCatalog(business.Concat(ManagementPermissions.All).Select(c => new Permission(c, c[..c.IndexOf('.')], c)));
        RoleDefinition[] roles =
        [
            new("manager", "Manager", "Everything.", [.. catalog.All.Select(p => p.Code)], GrantTargets.Anywhere),
            new("technician", "Technician", "Own work orders.", [ViewOwnWorkOrders, CreateWorkOrders], GrantTargets.Anywhere),
            new("viewer", "Viewer", "Reads.", [ViewWorkOrders, ViewInvoices], GrantTargets.Anywhere),
            new("approver", "Approver", "Approves invoices.", [ApproveInvoices], GrantTargets.Anywhere),
        ];
        return new AccessModel("test", "Access engine tests.", new ScopeKind("workshop", "workshops"), catalog, roles, AccessPolicies.Default);
    }
}
