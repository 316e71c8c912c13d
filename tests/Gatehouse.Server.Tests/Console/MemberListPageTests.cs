using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The user management list (/orgs/{org}/members) in real Chromium: columns, filters, search, sort, rights.</summary>
public sealed partial class MemberListPageTests(ServerPool servers, Browser browser)
{
    /// <summary>Seed 000/001: an organisation with Berlin, Hamburg and Munich, and people in them.</summary>
    private sealed record Workshops(GatehouseApp App, Guid Org, Guid Berlin, Guid Hamburg, Guid Munich, SeededMember Lena, SeededMember Omar, SeededMember Olga);

    private static async Task<Workshops> WorkshopsAsync(GatehouseApp app)
    {
        var org = await app.CreateOrganizationAsync("Denmark " + Guid.NewGuid().ToString("N")[..6]);
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var munich = await app.CreateScopeAsync(org, "Munich");
        var lena = await SeedAsync(app, org, "Lena", "Berg", new GrantSpec("basic", berlin));
        var omar = await SeedAsync(app, org, "Omar", "Haddad", new GrantSpec("manager", hamburg), new GrantSpec("basic", berlin));
        // An organisational user whom workshop managers see: the API shows a workshop manager the members with a grant in their workshops.
        var olga = await SeedAsync(app, org, "Olga", "Nord", new GrantSpec("basic", null), new GrantSpec("basic", hamburg));
        await SeedAsync(app, org, "Mia", "Munich", new GrantSpec("basic", munich));
        return new Workshops(app, org, berlin, hamburg, munich, lena, omar, olga);
    }

    private static Task<SeededMember> SeedAsync(GatehouseApp app, Guid org, string first, string last, params GrantSpec[] grants) =>
        app.SeedMemberAsync(org, MembersApi.Email(), grants, firstName: first, lastName: last);

    private static ILocator Rows(IPage page) => page.Locator("table.members tbody tr");

    private static ILocator Row(IPage page, string name) => Rows(page).Filter(new() { HasText = name });

    private static async Task ApplyAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

    private static async Task ChooseAsync(IPage page, string label, string option) =>
        await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkshopManager_SeesMembersOfTheirWorkshops_WithAccessRightsAndOrgBadge(string store)
    {
        var w = await WorkshopsAsync(await servers.GetListeningAsync(store, "workshops"));
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(w.App, w.Org, contexts, [new GrantSpec("manager", w.Berlin), new GrantSpec("manager", w.Hamburg)], firstName: "Vera", lastName: "Viewer");
        var page = viewer.Page;

        await page.GotoAsync($"/orgs/{w.Org}/members");

        foreach (var header in new[] { "Name and email", "Phone", "Access rights", "Workshops", "Status", "Full access", "Owner", "Latest login" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true })).ToBeVisibleAsync();
        }
        await Assertions.Expect(Row(page, "Lena Berg")).ToContainTextAsync("Basic rights in Berlin");
        await Assertions.Expect(Row(page, "Lena Berg").Locator(".badge.org")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, "Lena Berg")).ToContainTextAsync("Never");
        await Assertions.Expect(Row(page, "Omar Haddad")).ToContainTextAsync("Manager rights in Hamburg");
        await Assertions.Expect(Row(page, "Omar Haddad")).ToContainTextAsync("Basic rights in Berlin");
        await Assertions.Expect(Row(page, "Olga Nord").Locator(".badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(Row(page, "Olga Nord")).ToContainTextAsync("Basic rights in all workshops");
        await Assertions.Expect(Row(page, "Olga Nord").Locator("td[data-label=Workshops]")).ToHaveTextAsync("All workshops");
        await Assertions.Expect(Row(page, "Vera Viewer")).ToContainTextAsync("Manager rights in Berlin");
        await Assertions.Expect(page.GetByText("Mia Munich")).ToHaveCountAsync(0);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lena Berg" })).ToHaveAttributeAsync("href", $"/orgs/{w.Org}/members/{w.Lena.MemberId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Invite user" })).ToHaveAttributeAsync("href", $"/orgs/{w.Org}/invite");
        // Only the workshops the manager may see users of are offered as a filter.
        var workshops = await page.GetByLabel("Workshop", new() { Exact = true }).Locator("option").AllInnerTextsAsync();
        Assert.Equal(["All workshops", "Berlin", "Hamburg"], workshops);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FilterByWorkshopAccessRightsAndType_NarrowsTheList_AndClearingShowsEveryone(string store)
    {
        var w = await WorkshopsAsync(await servers.GetListeningAsync(store, "workshops"));
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(w.App, w.Org, contexts, [new GrantSpec("manager", w.Berlin), new GrantSpec("manager", w.Hamburg)], firstName: "Vera", lastName: "Viewer")).Page;
        await page.GotoAsync($"/orgs/{w.Org}/members");

        await ChooseAsync(page, "Workshop", "Hamburg");
        await ApplyAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"scope={w.Hamburg}"));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3);
        await Assertions.Expect(Row(page, "Lena Berg")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, "Olga Nord")).ToHaveCountAsync(1);

        await ChooseAsync(page, "Access rights", "Manager rights");
        await ApplyAsync(page);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await Assertions.Expect(Row(page, "Omar Haddad")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Vera Viewer")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Workshop", new() { Exact = true })).ToHaveValueAsync(w.Hamburg.ToString());

        await page.GotoAsync($"/orgs/{w.Org}/members");
        await ChooseAsync(page, "Type", "Organisational user");
        await ApplyAsync(page);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Olga Nord")).ToHaveCountAsync(1);

        await ChooseAsync(page, "Status", "Deactivated");
        await ApplyAsync(page);
        await Assertions.Expect(page.GetByText("No users match these filters.")).ToBeVisibleAsync();
        await page.Locator(".empty").GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(4);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_FindsByName(string store)
    {
        var w = await WorkshopsAsync(await servers.GetListeningAsync(store, "workshops"));
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(w.App, w.Org, contexts, [new GrantSpec("manager", w.Berlin), new GrantSpec("manager", w.Hamburg)])).Page;
        await page.GotoAsync($"/orgs/{w.Org}/members");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("hadd");
        await ApplyAsync(page);

        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Omar Haddad")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("hadd");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SortByLatestLogin_ShowsNewestFirst_OrOldestFirst_AndNeverLast(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Sorting " + Guid.NewGuid().ToString("N")[..6]);
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var now = DateTimeOffset.UtcNow;
        foreach (var (first, ago) in new (string, TimeSpan?)[] { ("Anna", TimeSpan.FromDays(2)), ("Bert", TimeSpan.FromHours(1)), ("Carl", null) })
        {
            var member = await SeedAsync(app, org, first, "Sorter", new GrantSpec("basic", berlin));
            if (ago is { } before)
            {
                await app.InDatabaseAsync(async db =>
                {
                    (await db.Users.SingleAsync(u => u.Id == member.UserId)).RecordSignIn(now - before);
                    return await db.SaveChangesAsync();
                });
            }
        }
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", berlin)])).Page;
        await page.GotoAsync($"/orgs/{org}/members?q=Sorter");

        await ChooseAsync(page, "Sort by", "Latest login (newest first)");
        await ApplyAsync(page);
        await Assertions.Expect(page.Locator("table.members tbody tr td:first-child a")).ToHaveTextAsync(["Bert Sorter", "Anna Sorter", "Carl Sorter"]);
        await Assertions.Expect(Row(page, "Bert Sorter")).ToContainTextAsync((now - TimeSpan.FromHours(1)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        await ChooseAsync(page, "Sort by", "Latest login (oldest first)");
        await ApplyAsync(page);
        await Assertions.Expect(page.Locator("table.members tbody tr td:first-child a")).ToHaveTextAsync(["Anna Sorter", "Bert Sorter", "Carl Sorter"]);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=Sorter.*sort=lastLogin"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_SeesTheList_WithInviteUserDisabledAndTheReason(string store)
    {
        var w = await WorkshopsAsync(await servers.GetListeningAsync(store, "workshops"));
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(w.App, w.Org, contexts, [new GrantSpec("basic", w.Berlin)])).Page;

        await page.GotoAsync($"/orgs/{w.Org}/members");

        await Assertions.Expect(Row(page, "Lena Berg")).ToContainTextAsync("Basic rights in Berlin");
        await Assertions.Expect(Row(page, "Omar Haddad")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Mia Munich")).ToHaveCountAsync(0);
        var invite = page.GetByRole(AriaRole.Button, new() { Name = "Invite user" });
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the 'Invite users' permission in workshop Berlin; ask someone with the role 'Manager rights' there"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Invite user" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add existing user" })).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerOfAnotherOrganization_GetsNotFound_AndNoneOfItsNames(string store)
    {
        var w = await WorkshopsAsync(await servers.GetListeningAsync(store, "workshops"));
        var elsewhere = await w.App.CreateOrganizationAsync("Sweden " + Guid.NewGuid().ToString("N")[..6]);
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(w.App, elsewhere, contexts, [new GrantSpec("manager", null)])).Page;

        var response = await page.GotoAsync($"/orgs/{w.Org}/members");

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(w.Org.ToString());
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Lena", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Denmark", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Berlin", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmptyOrganization_SaysThereAreNoUsersYet(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Empty " + Guid.NewGuid().ToString("N")[..6]);
        await using var contexts = new Contexts();
        var page = await browser.SignedInOperatorAsync(app, contexts);

        await page.GotoAsync($"/orgs/{org}/members");

        await Assertions.Expect(page.GetByText("There are no users in this organisation yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Invite user" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Facilities_ShowPhonePermissionGroupsStatusAndFullAccess(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Stores " + Guid.NewGuid().ToString("N")[..6]);
        var store12 = await app.CreateScopeAsync(org, "Store 12");
        var group = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{org}/roles", new { name = "Store Manager", permissions = new[] { "work_orders.create", "work_orders.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        await app.SeedMemberAsync(org, MembersApi.Email(), [new GrantSpec(group.GetProperty("key").GetString()!, store12)], firstName: "Fiona", lastName: "Field", phone: "+45 1234 5678");
        var dan = await app.SeedMemberAsync(org, MembersApi.Email(), fullAccess: true, firstName: "Dan", lastName: "Down");
        (await app.Operator.PostAsync(MembersApi.Path(org, $"/{dan.MemberId}/deactivate"), null)).EnsureSuccessStatusCode();
        // The facilities model asks for a verified email before sign-in.
        var email = MembersApi.Email("admin");
        var admin = await app.SeedMemberAsync(org, email, [new GrantSpec("administrator", null)], firstName: "Ada", lastName: "Admin");
        await app.SetPasswordAsync(admin.UserId, AccountBrowsing.Password);
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == admin.UserId)).VerifyEmail(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await using var contexts = new Contexts();
        var page = await contexts.NewPageAsync(browser, app);
        await AccountBrowsing.SignInAsync(page, email, AccountBrowsing.Password);

        await page.GotoAsync($"/orgs/{org}/members");

        foreach (var header in new[] { "Phone", "Permission groups", "Facilities", "Status", "Full access" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true })).ToBeVisibleAsync();
        }
        var fiona = Row(page, "Fiona Field");
        await Assertions.Expect(fiona.Locator("td[data-label=Phone]")).ToHaveTextAsync("+45 1234 5678");
        await Assertions.Expect(fiona.Locator("td[data-label='Permission groups']")).ToHaveTextAsync("Store Manager");
        await Assertions.Expect(fiona.Locator("td[data-label=Facilities]")).ToHaveTextAsync("Store 12");
        await Assertions.Expect(fiona.Locator("td[data-label=Status]")).ToHaveTextAsync("Active");
        await Assertions.Expect(fiona.Locator("td[data-label='Full access']")).ToHaveTextAsync("No");
        var danRow = Row(page, "Dan Down");
        await Assertions.Expect(danRow.Locator("td[data-label=Status]")).ToHaveTextAsync("Deactivated");
        await Assertions.Expect(danRow.Locator("td[data-label='Full access']")).ToHaveTextAsync("Yes");

        await ChooseAsync(page, "Full access", "Yes");
        await ApplyAsync(page);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Dan Down")).ToHaveCountAsync(1);
    }
}
