using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The roles and permission groups pages (/orgs/{org}/roles…) in real Chromium.</summary>
public sealed class RolePagesTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FacilitiesOwner_CreatesAPermissionGroupThroughTheMatrix_AndEditsIt(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Titanus");
        await using var contexts = new Contexts();
        var owner = await VerifiedViewerAsync(app, org, contexts, owner: true);
        var page = owner.Page;

        await page.GotoAsync($"/orgs/{org}/roles");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create Group" }).ClickAsync();
        await page.GetByLabel("Permission group name").FillAsync("Store Manager");
        await Cell(page, "Work Orders: Create").CheckAsync();
        await Cell(page, "Work Orders: View Own").CheckAsync();
        await Cell(page, "Facilities: View").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save permission group" }).ClickAsync();

        await Expect(page.GetByText("Store Manager is created.")).ToBeVisibleAsync();
        Assert.Equal(["facilities.view", "work_orders.create", "work_orders.view_own"], await PermissionsAsync(owner, org, "Store Manager"));
        // A category without such an action has an empty cell: Facilities has no "Send".
        Assert.Equal(0, await Cell(page, "Facilities: Send").CountAsync());

        await Expect(Cell(page, "Work Orders: View Own")).ToBeCheckedAsync();
        await Cell(page, "Work Orders: View Own").UncheckAsync();
        await Cell(page, "Assets: View").CheckAsync();
        await page.GetByLabel("Permission group name").FillAsync("Store Lead");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save permission group" }).ClickAsync();

        await Expect(page.GetByText("Store Lead is saved.")).ToBeVisibleAsync();
        Assert.Equal(["assets.view", "facilities.view", "work_orders.create"], await PermissionsAsync(owner, org, "Store Lead"));
        await page.GotoAsync($"/orgs/{org}/roles");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Store Lead" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PermissionGroup_HeldByAMember_IsNotDeleted_UntilTheyNoLongerHoldIt(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Titanus");
        var facility = await app.CreateScopeAsync(org, "Store 12");
        await using var contexts = new Contexts();
        var owner = await VerifiedViewerAsync(app, org, contexts, owner: true);
        var key = await CreateRoleAsync(owner, org, "Store Manager", "work_orders.create");
        var holder = await app.SeedMemberAsync(org, MembersApi.Email("holder"), [new GrantSpec(key, facility)]);
        var page = owner.Page;

        await page.GotoAsync($"/orgs/{org}/roles/{key}");
        await page.GetByText("Delete permission group…").ClickAsync();
        await Expect(page.GetByText("It is refused while any user holds it")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Store Manager" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'Store Manager' is held by 1 member");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == org && r.Key == key)));

        await (await owner.Member.Client.PutAccessAsync(org, holder.MemberId, Array.Empty<object>())).ExpectAsync(HttpStatusCode.OK);
        await page.GotoAsync($"/orgs/{org}/roles/{key}");
        await page.GetByText("Delete permission group…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Store Manager" }).ClickAsync();

        await Expect(page.GetByText("The permission group is deleted.")).ToBeVisibleAsync();
        Assert.EndsWith($"/orgs/{org}/roles?done=deleted", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == org && r.Kind == RoleKind.Custom)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerWithoutRoleManagement_SeesTheControlsDisabled_AndWhy(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Titanus");
        var facility = await app.CreateScopeAsync(org, "Store 12");
        var owner = await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var key = await CreateRoleAsync(owner, org, "Technician", "work_orders.view", "work_orders.edit");
        await using var contexts = new Contexts();
        var technician = await VerifiedViewerAsync(app, org, contexts, grants: [new GrantSpec(key, facility)]);
        var page = technician.Page;

        await page.GotoAsync($"/orgs/{org}/roles");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create Group" })).ToBeDisabledAsync();
        await Expect(page.Locator("p.why").First).ToContainTextAsync("Manage permission groups");
        await page.GetByRole(AriaRole.Link, new() { Name = "Technician" }).ClickAsync();

        await Expect(Cell(page, "Work Orders: Edit")).ToBeCheckedAsync();
        await Expect(Cell(page, "Work Orders: Edit")).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Permission group name")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save permission group" })).ToBeDisabledAsync();
        await page.GetByText("Delete permission group…").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete Technician" })).ToBeDisabledAsync();
        await Expect(page.Locator("p.why").Last).ToContainTextAsync("Manage permission groups");
        await page.GotoAsync($"/orgs/{org}/roles/new");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save permission group" })).ToBeDisabledAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Workshops_ShowsTheSystemRolesReadOnly_AndSaysCustomRolesAreNotAvailable(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)]);
        var page = manager.Page;

        await page.GotoAsync($"/orgs/{org}/roles");

        await Expect(page.GetByText("Custom roles are not available in this product")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Roles", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        var basic = page.GetByRole(AriaRole.Table, new() { Name = "Permissions of Basic rights" });
        var roles = await (await manager.Member.Client.GetAsync($"/api/v1/organizations/{org}/roles")).ExpectAsync(HttpStatusCode.OK);
        var held = roles.EnumerateArray().Single(r => r.GetProperty("key").GetString() == "basic").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("vehicles.view", held);
        Assert.DoesNotContain("members.invite", held);
        await Expect(Cell(basic, "Vehicles: View vehicles")).ToBeCheckedAsync();
        await Expect(Cell(basic, "Vehicles: View vehicles")).ToBeDisabledAsync();
        await Expect(Cell(basic, "User management: Invite users")).Not.ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Permissions of Manager rights" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("Create custom role").CountAsync());

        await page.GotoAsync($"/orgs/{org}/roles/basic");
        await Expect(page.GetByText("cannot make its own roles")).ToBeVisibleAsync();
        await Expect(Cell(page, "Vehicles: View vehicles")).ToBeDisabledAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerOfAnotherOrganization_GetsNotFound_OnTheRolePages(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Titanus");
        var other = await app.CreateOrganizationAsync("Elsewhere");
        var owner = await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var key = await CreateRoleAsync(owner, org, "Secret Group", "facilities.view");
        await using var contexts = new Contexts();
        var stranger = await VerifiedViewerAsync(app, other, contexts, owner: true);

        foreach (var path in new[] { "roles", "roles/new", $"roles/{key}" })
        {
            var response = await stranger.Page.GotoAsync($"/orgs/{org}/{path}");

            Assert.Equal(404, response!.Status);
            await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Secret Group", await stranger.Page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("Titanus", await stranger.Page.ContentAsync(), StringComparison.Ordinal);
        }
    }

    // Facilities requires a verified email before sign-in; the shared helper signs in unverified people.
    private async Task<ConsoleViewer> VerifiedViewerAsync(GatehouseApp app, Guid org, Contexts contexts, IEnumerable<GrantSpec>? grants = null, bool owner = false)
    {
        var email = MembersApi.Email("p");
        var member = await app.SeedMemberAsync(org, email, grants, owner: owner, firstName: "Ada", lastName: "Lovelace");
        await app.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == member.UserId)).VerifyEmail(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var page = await contexts.NewPageAsync(browser, app);
        await AccountBrowsing.SignInAsync(page, email, AccountBrowsing.Password);
        return new ConsoleViewer(member, email, page);
    }

    private static ILocator Cell(IPage page, string name) => page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    private static ILocator Cell(ILocator within, string name) => within.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    private static async Task<string> CreateRoleAsync(SeededMember owner, Guid org, string name, params string[] permissions)
    {
        var created = await (await owner.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/roles", new { name, permissions })).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }

    private static Task<string> CreateRoleAsync(ConsoleViewer owner, Guid org, string name, params string[] permissions) =>
        CreateRoleAsync(owner.Member, org, name, permissions);

    private static async Task<List<string>> PermissionsAsync(ConsoleViewer viewer, Guid org, string name)
    {
        var roles = await (await viewer.Member.Client.GetAsync($"/api/v1/organizations/{org}/roles")).ExpectAsync(HttpStatusCode.OK);
        var role = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        return [.. role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal)];
    }
}
