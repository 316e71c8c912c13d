using System.Net;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The scopes page (/orgs/{org}/scopes: workshops, facilities, projects) in real Chromium.</summary>
public sealed class ScopePagesTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Deleting_a_workshop_names_how_many_users_have_access_there(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Holders");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        await app.SeedMemberAsync(org, $"ada{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", berlin)]);
        await app.SeedMemberAsync(org, $"bob{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", berlin)]);
        await app.SeedMemberAsync(org, $"cleo{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", hamburg)]);
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(app, org, contexts, owner: true)).Page;

        await page.GotoAsync($"/orgs/{org}/scopes");
        await page.GetByText("Change Berlin", new() { Exact = true }).ClickAsync();
        await page.GetByText("Delete Berlin…").ClickAsync();
        await page.GetByText("Change Hamburg", new() { Exact = true }).ClickAsync();
        await page.GetByText("Delete Hamburg…").ClickAsync();

        await Expect(page.GetByText("Deleting Berlin removes the access 2 users have there")).ToBeVisibleAsync();
        await Expect(page.GetByText("Deleting Hamburg removes the access 1 user has there")).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Owner_AddsRenamesNestsAndDeletesAWorkshop(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        await using var contexts = new Contexts();
        var owner = await browser.SignedInMemberAsync(app, org, contexts, owner: true);
        var page = owner.Page;

        await page.GotoAsync($"/orgs/{org}/scopes");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Workshops", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByLabel("Workshop name").FillAsync("Mitte");
        await page.GetByLabel("Inside").SelectOptionAsync(new SelectOptionValue { Label = "Top level of the organisation" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add workshop" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The workshop is added.");
        var mitte = Assert.Single(await ScopesAsync(owner, org), s => s.GetProperty("name").GetString() == "Mitte");
        Assert.Equal(JsonValueKind.Null, mitte.GetProperty("parentId").ValueKind);

        await page.GetByText("Change Mitte", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("New name for Mitte").FillAsync("Mitte Süd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Mitte" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The workshop is renamed.");
        Assert.Single(await ScopesAsync(owner, org), s => s.GetProperty("name").GetString() == "Mitte Süd");

        await page.GetByText("Change Mitte Süd", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Move Mitte Süd into").SelectOptionAsync(new SelectOptionValue { Label = "Berlin" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move Mitte Süd" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The workshop is moved.");
        var moved = Assert.Single(await ScopesAsync(owner, org), s => s.GetProperty("name").GetString() == "Mitte Süd");
        Assert.Equal(berlin, moved.GetProperty("parentId").GetGuid());
        await Expect(page.Locator("ul.scope-tree ul.scope-tree").GetByText("Mitte Süd", new() { Exact = true })).ToBeVisibleAsync();

        // Berlin now holds Mitte Süd: the API refuses to delete it and the page says why.
        await page.GetByText("Change Berlin", new() { Exact = true }).ClickAsync();
        await page.GetByText("Delete Berlin…").ClickAsync();
        await Expect(page.GetByText("Deleting Berlin removes the access 0 users have there")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Berlin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'Berlin' still holds other scopes");
        Assert.Equal(2, (await ScopesAsync(owner, org)).Count);

        await page.GotoAsync($"/orgs/{org}/scopes");
        await page.GetByText("Change Mitte Süd", new() { Exact = true }).ClickAsync();
        await page.GetByText("Delete Mitte Süd…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Mitte Süd" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The workshop is deleted");
        Assert.Equal(["Berlin"], (await ScopesAsync(owner, org)).Select(s => s.GetProperty("name").GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_SeesTheScopeControlsDisabled_AndWhy(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        await using var contexts = new Contexts();
        var basic = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("basic", berlin)]);
        var page = basic.Page;

        await page.GotoAsync($"/orgs/{org}/scopes");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add workshop" })).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Workshop name")).ToBeDisabledAsync();
        await Expect(page.Locator("p.why").First).ToContainTextAsync("Manage the organisation");
        await page.GetByText("Change Berlin", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rename Berlin" })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move Berlin" })).ToBeDisabledAsync();
        await Expect(page.Locator(".scope-forms p.why")).ToContainTextAsync("Manage the organisation");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Micromobility_HasNoScopes_AndThePageSaysSo(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scooters");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("admin", null)]);

        await admin.Page.GotoAsync($"/orgs/{org}/scopes");

        await Expect(admin.Page.GetByText("This product has no scopes: access is given to the account as a whole.")).ToBeVisibleAsync();
        Assert.Equal(0, await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add" }).CountAsync());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerOfAnotherOrganization_GetsNotFound_OnTheScopesPage(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus");
        await app.CreateScopeAsync(org, "Hidden Workshop");
        var other = await app.CreateOrganizationAsync("Elsewhere");
        await using var contexts = new Contexts();
        var stranger = await browser.SignedInMemberAsync(app, other, contexts, owner: true);

        var response = await stranger.Page.GotoAsync($"/orgs/{org}/scopes");

        Assert.Equal(404, response!.Status);
        await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Hidden Workshop", await stranger.Page.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ScopesAsync(ConsoleViewer viewer, Guid org)
    {
        var list = await (await viewer.Member.Client.GetAsync($"/api/v1/organizations/{org}/scopes")).ExpectAsync(HttpStatusCode.OK);
        return [.. list.EnumerateArray()];
    }
}
