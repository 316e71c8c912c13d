using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

/// <summary>The role keys, codes and policies other parts of Gatehouse and its tests rely on, per seed preset.</summary>
public class PresetContractTests
{
    private static readonly string[] MemberManagement = ["members.invite", "members.assign", "members.deactivate", "members.delete"];

    [Fact]
    public void Load_Workshops_HasManagerAndBasicRightsPerWorkshopOrOrganisation()
    {
        var model = AccessModelPresets.Require("workshops");
        var manager = model.FindRole("manager")!;
        var basic = model.FindRole("basic")!;

        Assert.Equal((new ScopeKind("workshop", "workshops"), "organisation"), (model.Scopes, model.OrganizationLabel));
        Assert.Equal([("manager", "Manager rights"), ("basic", "Basic rights")], model.Roles.Select(r => (r.Key, r.Name)));
        Assert.All(model.Roles, r => Assert.Equal(GrantTargets.Anywhere, r.GrantableAt));
        Assert.Subset(manager.Permissions.ToHashSet(), new HashSet<string>(["members.view", .. MemberManagement, "audit.view"]));
        Assert.Subset(basic.Permissions.ToHashSet(), new HashSet<string>(["members.view", "vehicles.view", "vehicles.diagnose", "customers.view", "bookings.view", "bookings.create", "tools.use"]));
        Assert.DoesNotContain(basic.Permissions, MemberManagement.Contains);
        var content = model.Catalog.All.Select(p => p.Code).Where(c => !ManagementPermissions.All.Contains(c));
        Assert.All(content, code => Assert.Contains(code, manager.Permissions));
        Assert.All(model.Roles, r => Assert.DoesNotContain(r.Permissions, c => c is "roles.manage" or "organization.manage"));
        Assert.Equal(new AccessPolicies(TimeSpan.FromDays(7), SeatCounting.ActiveMembers, false, false, false, AccountDeletion.PlatformOperatorsOnly, false,
            MemberNotifications.AccessChanged | MemberNotifications.Deactivated | MemberNotifications.Removed), model.Policies);
    }

    [Fact]
    public void Load_Micromobility_HasOneAccountWithAdminReadOnlyAndInlineCustomRoles()
    {
        var model = AccessModelPresets.Require("micromobility");
        string[] categories = ["Assets Management", "Account Management", "Billing/Finance Management", "Claims Management",
            "Insurance Management", "Workforce / Drivers Management", "Team management"];
        string[] resources = ["assets", "account", "billing", "claims", "insurance", "workforce"];

        Assert.Equal((null, "account"), (model.Scopes, model.OrganizationLabel));
        Assert.Equal(categories, model.Catalog.Categories);
        Assert.All(ManagementPermissions.All, code => Assert.Equal("Team management", model.Catalog.All.Single(p => p.Code == code).Category));
        Assert.Equal([("admin", "Admin"), ("read_only", "Read-only")], model.Roles.Select(r => (r.Key, r.Name)));
        Assert.All(model.Roles, r => Assert.Equal(GrantTargets.Organization, r.GrantableAt));
        Assert.Equal(model.Catalog.All.Select(p => p.Code), model.FindRole("admin")!.Permissions);
        Assert.Equal(model.Catalog.All.Where(p => p.Action == "view").Select(p => p.Code), model.FindRole("read_only")!.Permissions);
        Assert.Contains("members.view", model.FindRole("read_only")!.Permissions);
        Assert.Equal(resources.SelectMany(r => new[] { r + ".view", r + ".edit" }).Order(), model.InlineRolePermissions.Order());
        Assert.True(model.Policies is { OneRolePerMember: true, CustomRoles: false, InlineRoles: true });
    }

    [Fact]
    public void Load_Facilities_HasTheSeedTableAndOnlyAnAdministratorRole()
    {
        var model = AccessModelPresets.Require("facilities");
        string[] five = ["view", "create", "edit", "delete", "archive"];
        string[] seven = [.. five, "send", "view_own"];

        Assert.Equal((new ScopeKind("facility", "facilities"), "organization"), (model.Scopes, model.OrganizationLabel));
        Assert.Equal(["Facilities", "Assets", "Contractors", "Contracts", "Work Orders", "Service Reports", "Users", "Reports", "Audit Logs", "Organization"],
            model.Catalog.Categories);
        foreach (var (resource, actions) in new[] { ("facilities", five), ("assets", five), ("contractors", five), ("contracts", five), ("work_orders", seven), ("service_reports", seven) })
        {
            Assert.Equal(actions.Select(a => $"{resource}.{a}"), model.Catalog.All.Where(p => p.Resource == resource).Select(p => p.Code));
        }
        Assert.Equal([("members.view", "View"), ("members.invite", "Create"), ("members.assign", "Edit"), ("members.deactivate", "Edit status"), ("members.delete", "Delete")],
            model.Catalog.All.Where(p => p.Category == "Users").Select(p => (p.Code, p.Label)));
        Assert.Equal("Invite users", model.LabelOf("members.invite"));
        Assert.Equal([("reports.view", "Reports"), ("audit.view", "Audit Logs")], model.Catalog.All.Where(p => p.Code is "reports.view" or "audit.view").Select(p => (p.Code, p.Category)));
        var administrator = Assert.Single(model.Roles);
        Assert.Equal(("administrator", "Administrator", GrantTargets.Anywhere), (administrator.Key, administrator.Name, administrator.GrantableAt));
        Assert.Equal(model.Catalog.Count, administrator.Permissions.Count);
        Assert.True(model.Policies is { CustomRoles: true, EmailVerificationRequired: true, AccountDeletion: AccountDeletion.OrganizationWhenSoleMembership });
    }

    [Fact]
    public void Load_Workspaces_HasWorkspaceAdminAndProjectRolesOfDecreasingPower()
    {
        var model = AccessModelPresets.Require("workspaces");
        string[] projectRoles = ["project_admin", "editor", "contributor", "viewer"];

        Assert.Equal((new ScopeKind("project", "projects"), "workspace"), (model.Scopes, model.OrganizationLabel));
        Assert.Equal([("workspace_admin", "Workspace admin"), ("project_admin", "Project admin"), ("editor", "Editor"), ("contributor", "Contributor"), ("viewer", "Viewer")],
            model.Roles.Select(r => (r.Key, r.Name)));
        Assert.Equal((GrantTargets.Organization, model.Catalog.Count), (model.FindRole("workspace_admin")!.GrantableAt, model.FindRole("workspace_admin")!.Permissions.Count));
        Assert.All(projectRoles, key => Assert.Equal(GrantTargets.Scope, model.FindRole(key)!.GrantableAt));
        Assert.All(projectRoles, key => Assert.Contains("members.view", model.FindRole(key)!.Permissions));
        var projectAdmin = model.FindRole("project_admin")!.Permissions;
        Assert.Contains("members.assign", projectAdmin);
        Assert.DoesNotContain(projectAdmin, c => c is "members.invite" or "members.deactivate" or "members.delete");
        Assert.All(["project.view", "project.edit", "tasks.view", "tasks.create", "tasks.edit", "tasks.delete", "files.view", "files.upload"],
            code => Assert.Contains(code, projectAdmin));
        for (var i = 1; i < projectRoles.Length; i++)
        {
            var stronger = model.SystemRolePermissions(projectRoles[i - 1])!;
            var weaker = model.SystemRolePermissions(projectRoles[i])!;
            Assert.True(weaker.IsSubsetOf(stronger) && !stronger.IsSubsetOf(weaker), $"{projectRoles[i]} must be weaker than {projectRoles[i - 1]}");
        }
        Assert.True(model.Policies is { SeatCounting: SeatCounting.ActiveMembersAndPendingInvitations, CustomRoles: false });
    }
}
