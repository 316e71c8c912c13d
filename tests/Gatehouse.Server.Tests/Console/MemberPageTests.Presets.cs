using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The member page of the other presets: micromobility's Custom role (002), facilities' permission groups (003), workspaces' project roles (004).</summary>
public sealed partial class MemberPageTests
{
    private static Task<string> PermissionGroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    /// <summary>A signed-in member whose email is verified (facilities require it before sign-in).</summary>
    private async Task<ConsoleViewer> SignedInVerifiedAsync(GatehouseApp app, Guid org, Contexts contexts, IEnumerable<GrantSpec>? grants = null, bool fullAccess = false)
    {
        var email = MembersApi.Email("p");
        var member = await app.SeedMemberAsync(org, email, grants, fullAccess, firstName: "Ada", lastName: "Lovelace");
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == member.UserId)).VerifyEmail(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await app.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        var page = await contexts.NewPageAsync(browser, app);
        await AccountBrowsing.SignInAsync(page, email, AccountBrowsing.Password);
        return new ConsoleViewer(member, email, page);
    }

    private static ILocator Level(IPage page, string category, string level) =>
        page.GetByRole(AriaRole.Group, new() { Name = category, Exact = true }).GetByLabel(level, new() { Exact = true });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Micromobility_AdminSetsCustomRole_ViewAndEditPerCategory(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("read_only")], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("admin")]);
        var page = admin.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("read_only");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Custom" });
        await page.Locator("summary", new() { HasText = "Edit the Custom role" }).ClickAsync();
        // Read-only starts as View everywhere: the editor starts from the member's current role.
        await Assertions.Expect(Level(page, "Billing/Finance Management", "View")).ToBeCheckedAsync();
        foreach (var category in new[] { "Account Management", "Billing/Finance Management", "Insurance Management", "Workforce / Drivers Management" })
        {
            await Level(page, category, "No access").CheckAsync();
        }
        await Level(page, "Assets Management", "View").CheckAsync();
        await Level(page, "Claims Management", "Edit").CheckAsync();
        await Save(page).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("inline");
        await Assertions.Expect(Level(page, "Claims Management", "Edit")).ToBeCheckedAsync();
        var row = await admin.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal("Custom", Assert.Single(row.GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());
        var effective = await admin.Member.Client.EffectiveAsync(org, lena.MemberId);
        Assert.Equal(["assets.view", "claims.edit", "claims.view"], effective.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Micromobility_OwnerMakesAnAdminOwner_AndTakesItAway_AdminsMayNot(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("admin")], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var owner = await browser.SignedInMemberAsync(app, org, contexts, owner: true);
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("admin")]);

        await admin.Page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Make owner…", Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(admin.Page.GetByText("Only an owner of this account can make someone an owner or take ownership away.")).ToBeVisibleAsync();

        var page = owner.Page;
        await page.GotoAsync(PathOf(org, lena.MemberId));
        await ConfirmAsync(page, "Make owner…", "Make Lena Berg an owner");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg is now an owner of this account.");
        Assert.True((await owner.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("isOwner").GetBoolean());

        await ConfirmAsync(page, "Remove as owner…", "Take ownership away from Lena Berg");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg is no longer an owner of this account.");
        Assert.False((await owner.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("isOwner").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Facilities_FullAccessAdmin_AssignsPermissionGroupsAndFullAccess(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var south = await app.CreateScopeAsync(org, "South Store");
        var storeManager = await PermissionGroupAsync(app, org, "Store Manager", "members.view", "work_orders.create", "facilities.view");
        var technician = await PermissionGroupAsync(app, org, "Technician", "work_orders.view", "facilities.view");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At(technician, north)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var admin = await SignedInVerifiedAsync(app, org, contexts, fullAccess: true);
        var administrator = await SignedInVerifiedAsync(app, org, contexts, [At("administrator")]);
        var page = admin.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(page.GetByLabel("Technician in North Store")).ToBeCheckedAsync();
        await page.GetByLabel("Store Manager in North Store").CheckAsync();
        await page.GetByLabel("Technician in South Store").CheckAsync();
        await page.GetByLabel("Full access").CheckAsync();
        await Save(page).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        var row = await admin.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.True(row.GetProperty("fullAccess").GetBoolean());
        Assert.Equal(new[] { (storeManager, (Guid?)north), (technician, north), (technician, south) }.ToHashSet(), GrantsOf(row).ToHashSet());

        // An administrator without full access may change groups but not full access, and is told why.
        await administrator.Page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(administrator.Page.GetByLabel("Full access")).ToBeDisabledAsync();
        await Assertions.Expect(administrator.Page.GetByText("Full access can only be given or taken away by a member with full access or an owner")).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Workspaces_ProjectAdmin_ChangesProjectRole_ButNotTheWorkspaceAdmin(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus");
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("contributor", apollo)], firstName: "Lena", lastName: "Berg");
        var boss = await app.SeedMemberAsync(org, MembersApi.Email("boss"), [At("workspace_admin"), At("project_admin", apollo)], firstName: "Wanda", lastName: "Admin");
        await using var contexts = new Contexts();
        var projectAdmin = await browser.SignedInMemberAsync(app, org, contexts, [At("project_admin", apollo)]);
        var page = projectAdmin.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await page.GetByLabel("Role in Apollo").SelectOptionAsync(new SelectOptionValue { Label = "Editor" });
        await Save(page).ClickAsync();
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        Assert.Equal([("editor", (Guid?)apollo)], GrantsOf(await projectAdmin.Member.Client.MemberAsync(org, lena.MemberId)));

        await page.GotoAsync(PathOf(org, boss.MemberId));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wanda Admin" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Access to Apollo")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByLabel("Role in Apollo")).ToBeDisabledAsync();
        await Assertions.Expect(Save(page)).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".targets .why").Nth(1)).ToContainTextAsync("You cannot change Wanda Admin's access in project Apollo");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deactivate…", Exact = true })).ToBeDisabledAsync();
        var unchanged = await projectAdmin.Member.Client.MemberAsync(org, boss.MemberId);
        Assert.Equal(2, unchanged.GetProperty("grants").GetArrayLength());
        await (await projectAdmin.Member.Client.PostAsync(MembersApi.Path(org, $"/{boss.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
    }
}
