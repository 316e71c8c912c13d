using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Support;

/// <summary>
/// The five preset access models built in code, with the keys the preset files will hold; once the loader
/// lands these properties load the files instead.
/// </summary>
internal static class TestModels
{
    public static AccessModel Default { get; } = BuildDefault();

    public static AccessModel Workshops { get; } = BuildWorkshops();

    public static AccessModel Micromobility { get; } = BuildMicromobility();

    public static AccessModel Facilities { get; } = BuildFacilities();

    public static AccessModel Workspaces { get; } = BuildWorkspaces();

    public static IReadOnlyList<AccessModel> All { get; } = [Default, Workshops, Micromobility, Facilities, Workspaces];

    private static AccessModel BuildDefault()
    {
        Permission[] catalog =
        [
            .. Management("Members", "members", "Change members' access", "Remove members", "Manage the organization"),
            P("projects.view", "Projects", "View projects"), P("projects.edit", "Projects", "Edit projects"),
            .. Actions("documents", "Documents", ["view", "create", "edit", "delete"]),
            P("documents.view_own", "Documents", "View own documents"),
        ];
        var content = catalog.Where(p => !ManagementPermissions.All.Contains(p.Code)).ToList();
        return new AccessModel("default", "A generic organization with projects.", new ScopeKind("project", "projects"), new PermissionCatalog(catalog),
        [
            Role("admin", "Admin", GrantTargets.Anywhere, catalog.Select(p => p.Code)),
            Role("manager", "Manager", GrantTargets.Anywhere, [ManagementPermissions.View, ManagementPermissions.Invite, ManagementPermissions.Assign, ManagementPermissions.Deactivate, .. content.Select(p => p.Code)]),
            Role("member", "Member", GrantTargets.Anywhere, [ManagementPermissions.View, .. content.Where(p => p.Action is "view" or "create" or "edit" or "view_own").Select(p => p.Code)]),
            Role("viewer", "Viewer", GrantTargets.Anywhere, [ManagementPermissions.View, .. content.Where(p => p.Action == "view").Select(p => p.Code)]),
        ], AccessPolicies.Default, "organization");
    }

    private static AccessModel BuildWorkshops()
    {
        Permission[] content =
        [
            P("vehicles.view", "Vehicles", "View vehicles"), P("vehicles.diagnose", "Vehicles", "Diagnose vehicles"),
            P("customers.view", "Customers", "View customers"),
            P("bookings.view", "Bookings", "View bookings"), P("bookings.create", "Bookings", "Create bookings"),
            P("tools.use", "Tools", "Use workshop tools"),
        ];
        var catalog = new PermissionCatalog([.. Management("Users", "users", "Change users' access rights", "Remove users", "Manage the organisation"), .. content]);
        var codes = content.Select(p => p.Code).ToList();
        return new AccessModel("workshops", "Workshops of a market organisation (ConnectedWorkshop).", new ScopeKind("workshop", "workshops"), catalog,
        [
            Role("manager", "Manager rights", GrantTargets.Anywhere, [ManagementPermissions.View, ManagementPermissions.Invite, ManagementPermissions.Assign, ManagementPermissions.Deactivate, ManagementPermissions.Delete, ManagementPermissions.ViewAudit, .. codes]),
            Role("basic", "Basic rights", GrantTargets.Anywhere, [ManagementPermissions.View, .. codes]),
        ], AccessPolicies.Default with { CustomRoles = false }, "organisation");
    }

    private static AccessModel BuildMicromobility()
    {
        (string Resource, string Category, string Noun)[] areas =
        [
            ("assets", "Assets Management", "assets"), ("account", "Account Management", "account settings"),
            ("billing", "Billing/Finance Management", "billing and invoices"), ("claims", "Claims Management", "claims"),
            ("insurance", "Insurance Management", "insurance"), ("workforce", "Workforce / Drivers Management", "workforce and drivers"),
        ];
        Permission[] catalog =
        [
            .. areas.SelectMany(a => new[] { P($"{a.Resource}.view", a.Category, $"View {a.Noun}"), P($"{a.Resource}.edit", a.Category, $"Edit {a.Noun}") }),
            .. Management("Team management", "team members", "Change team members' roles", "Remove team members", "Manage the account"),
        ];
        return new AccessModel("micromobility", "One account per fleet customer; one role per member.", null, new PermissionCatalog(catalog),
        [
            Role("admin", "Admin", GrantTargets.Organization, catalog.Select(p => p.Code)),
            Role("read_only", "Read-only", GrantTargets.Organization, catalog.Where(p => p.Action == "view").Select(p => p.Code)),
        ], AccessPolicies.Default with { OneRolePerMember = true, CustomRoles = false, InlineRoles = true }, "account");
    }

    private static AccessModel BuildFacilities()
    {
        string[] basic = ["view", "create", "edit", "delete", "archive"];
        Permission[] catalog =
        [
            .. Actions("facilities", "Facilities", basic), .. Actions("assets", "Assets", basic),
            .. Actions("contractors", "Contractors", basic), .. Actions("contracts", "Contracts", basic),
            .. Actions("work_orders", "Work Orders", [.. basic, "send"]), P("work_orders.view_own", "Work Orders", "View own work orders"),
            .. Actions("service_reports", "Service Reports", [.. basic, "send"]), P("service_reports.view_own", "Service Reports", "View own service reports"),
            .. Management("Users", "users", "Edit users' access", "Delete users", "Manage the organization").Select(p => p.Code switch
            {
                ManagementPermissions.ManageRoles => p with { Label = "Manage permission groups" },
                ManagementPermissions.ViewAudit => p with { Category = "Audit Logs" },
                ManagementPermissions.ManageOrganization => p with { Category = "Organization" },
                _ => p,
            }),
            P("reports.view", "Reports", "View reports"),
        ];
        return new AccessModel("facilities", "Facility maintenance with facility assignments and permission groups.", new ScopeKind("facility", "facilities"), new PermissionCatalog(catalog),
        [
            Role("administrator", "Administrator", GrantTargets.Anywhere, catalog.Select(p => p.Code)),
        ], AccessPolicies.Default with { CustomRoles = true, AccountDeletion = AccountDeletion.OrganizationWhenSoleMembership }, "organization");
    }

    private static AccessModel BuildWorkspaces()
    {
        Permission[] content =
        [
            P("projects.view", "Projects", "View the project"), P("projects.edit", "Projects", "Edit the project settings"),
            .. Actions("tasks", "Tasks", ["view", "create", "edit", "delete"]),
            P("files.view", "Files", "View files"), P("files.upload", "Files", "Upload files"), P("files.delete", "Files", "Delete files"),
            P("comments.create", "Comments", "Write comments"),
        ];
        var catalog = new PermissionCatalog([.. Management("Users", "users", "Edit users' project access", "Delete users", "Manage the workspace"), .. content]);
        var codes = content.Select(p => p.Code).ToList();
        string[] projectView = [ManagementPermissions.View, "projects.view"];
        return new AccessModel("workspaces", "A workspace of projects with workspace and project roles (GROW).", new ScopeKind("project", "projects"), catalog,
        [
            Role("workspace_admin", "Workspace admin", GrantTargets.Organization, catalog.All.Select(p => p.Code)),
            Role("project_admin", "Project admin", GrantTargets.Scope, [ManagementPermissions.View, ManagementPermissions.Assign, .. codes]),
            Role("editor", "Editor", GrantTargets.Scope, [.. projectView, .. codes.Where(c => c.StartsWith("tasks.", StringComparison.Ordinal) || c.StartsWith("files.", StringComparison.Ordinal)), "comments.create"]),
            Role("contributor", "Contributor", GrantTargets.Scope, [.. projectView, "tasks.view", "tasks.create", "files.view", "files.upload", "comments.create"]),
            Role("viewer", "Viewer", GrantTargets.Scope, [.. projectView, "tasks.view", "files.view"]),
        ], AccessPolicies.Default with { SeatCounting = SeatCounting.ActiveMembersAndPendingInvitations, CustomRoles = false }, "workspace");
    }

    /// <summary>The management permissions every catalog holds, labelled for sentences ("Invite users").</summary>
    private static Permission[] Management(string category, string people, string assignLabel, string deleteLabel, string organizationLabel) =>
    [
        P(ManagementPermissions.View, category, $"View {people}"),
        P(ManagementPermissions.Invite, category, $"Invite {people}"),
        P(ManagementPermissions.Assign, category, assignLabel),
        P(ManagementPermissions.Deactivate, category, $"Deactivate {people}"),
        P(ManagementPermissions.Delete, category, deleteLabel),
        P(ManagementPermissions.ManageRoles, category, "Manage roles"),
        P(ManagementPermissions.ViewAudit, category, "View audit logs"),
        P(ManagementPermissions.ManageOrganization, category, organizationLabel),
    ];

    private static IEnumerable<Permission> Actions(string resource, string category, IEnumerable<string> actions) =>
        actions.Select(a => P($"{resource}.{a}", category, $"{char.ToUpperInvariant(a[0])}{a[1..]} {category.ToLowerInvariant()}"));

    private static Permission P(string code, string category, string label) => new(code, category, label);

    private static RoleDefinition Role(string key, string name, GrantTargets at, IEnumerable<string> permissions) =>
        new(key, name, $"{name}.", [.. permissions], at);
}
