using AngleSharp.Html.Parser;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

// Pages of the user list, the workspaces project admin's toolbar, and the list read over plain HTTP.
public sealed partial class MemberListPageTests
{
    /// <summary>An organisation with Berlin, 60 basic users there ("Pager 01".."Pager 60"), and a Berlin manager who signs in.</summary>
    private static async Task<(Guid Org, Guid Berlin)> SixtyAsync(GatehouseApp app)
    {
        var org = await app.CreateOrganizationAsync("Paging " + Guid.NewGuid().ToString("N")[..6]);
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        for (var i = 1; i <= 60; i++)
        {
            await SeedAsync(app, org, "Pager", i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), new GrantSpec("basic", berlin));
        }
        return (org, berlin);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PagingOverSixtyMembers_ShowsFiftyThenTheRest_AndKeepsTheFilters(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var (org, berlin) = await SixtyAsync(app);
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", berlin)], firstName: "Vera", lastName: "Viewer")).Page;

        await page.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByText("Page 1 · users 1–50")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(11);
        await Assertions.Expect(page.GetByText("Page 2 · users 51–61")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "Pager 51")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "Vera Viewer")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("Pager 01");

        await ChooseAsync(page, "Access rights", "Basic rights");
        await ApplyAsync(page);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(10);
        await Assertions.Expect(Row(page, "Vera Viewer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Access rights", new() { Exact = true })).ToHaveValueAsync("basic");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PageOverHttp_HasAtMostFiftyRows_EachCellLabelledForPhones(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var (org, berlin) = await SixtyAsync(app);
        var email = MembersApi.Email("v");
        var viewer = await app.SeedMemberAsync(org, email, [new GrantSpec("manager", berlin)], firstName: "Vera", lastName: "Viewer");
        await app.SetPasswordAsync(viewer.UserId, AccountBrowsing.Password);
        using var client = app.PageClient();
        Assert.NotNull((await client.SignInAsync(email, AccountBrowsing.Password)).SessionCookie());

        var parser = new HtmlParser();
        var first = parser.ParseDocument(await (await client.GetAsync($"/orgs/{org}/members")).Content.ReadAsStringAsync());
        var firstRows = first.QuerySelectorAll("table.members tbody tr");
        Assert.Equal(50, firstRows.Length);
        Assert.All(first.QuerySelectorAll("table.members tbody td"), cell => Assert.False(string.IsNullOrEmpty(cell.GetAttribute("data-label"))));
        Assert.NotNull(first.QuerySelector("table.list.stack"));

        var next = first.QuerySelectorAll("nav.pager a").Single(a => a.TextContent == "Next page").GetAttribute("href")!;
        var second = parser.ParseDocument(await (await client.GetAsync(next)).Content.ReadAsStringAsync());
        var secondRows = second.QuerySelectorAll("table.members tbody tr");
        Assert.Equal(11, secondRows.Length);
        Assert.Empty(firstRows.Select(r => r.TextContent).Intersect(secondRows.Select(r => r.TextContent)));

        // A cursor the API did not make: its 400 and its sentence, on a page that still works.
        var refused = await client.GetAsync($"/orgs/{org}/members?cursor=not-a-cursor");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The cursor is not valid.", refusedPage.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refusedPage.QuerySelector("form.filters #q"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectAdmin_MayAddExistingUsers_ButInviteUserIsDisabledWithTheReason(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus " + Guid.NewGuid().ToString("N")[..6]);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        await SeedAsync(app, org, "Eddie", "Editor", new GrantSpec("editor", apollo));
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("project_admin", apollo)])).Page;

        await page.GotoAsync($"/orgs/{org}/members");

        await Assertions.Expect(Row(page, "Eddie Editor")).ToContainTextAsync("Editor in Apollo");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add existing user" })).ToHaveAttributeAsync("href", $"/orgs/{org}/members/add");
        var invite = page.GetByRole(AriaRole.Button, new() { Name = "Add User", Exact = true });
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("^You need the '.+' permission in project Apollo"));
    }
}
