using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Product support's page of OpenID Connect clients: register one (its secret shown once) and see it listed.</summary>
public sealed class OidcClientPagesTests(ServerPool servers, Browser browser)
{
    private const string Preset = "workshops";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_RegistersAClient_SeesItsSecretOnce_AndFindsItListed(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        await using var contexts = new Contexts();
        var page = await browser.SignedInOperatorAsync(app, contexts);
        var name = "Billing " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/platform/oidc-clients");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register a client" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("http://billing.example.com/signin-oidc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();
        // The rule's own sentence, next to the field; nothing is registered.
        await Assertions.Expect(page.Locator("#redirect-uris ~ .field-error")).ToContainTextAsync("cannot be used");
        Assert.False(await app.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.DisplayName == name)));

        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://billing.example.com/signin-oidc\nhttps://billing.example.com/other");
        await page.GetByLabel("Post-logout redirect URIs (optional)").FillAsync("https://billing.example.com/signout-callback-oidc");
        await page.GetByLabel("First-party: the product's own app, no consent screen").CheckAsync();
        await page.GetByLabel("Allowed origins (optional)").FillAsync("https://billing.example.com/app");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();
        // An origin is scheme, host and port only: refused next to its field, nothing registered.
        await Assertions.Expect(page.Locator("#allowed-origins ~ .field-error")).ToContainTextAsync("'https://billing.example.com/app' is not an origin");
        Assert.False(await app.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.DisplayName == name)));

        await page.GetByLabel("Allowed origins (optional)").FillAsync("https://Billing.example.com\nhttp://localhost:5173");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{name} is registered.");
        var clientId = await page.Locator("#client-id").TextContentAsync();
        var secret = await page.Locator("#client-secret").TextContentAsync();
        Assert.StartsWith("ghc_", clientId, StringComparison.Ordinal);
        Assert.StartsWith("ghs_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#client-origins")).ToHaveTextAsync("https://billing.example.com http://localhost:5173");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the clients" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(clientId!);
        await Assertions.Expect(row).ToContainTextAsync("https://billing.example.com/signin-oidc https://billing.example.com/other");
        await Assertions.Expect(row.Locator("td[data-label='Allowed origins']")).ToHaveTextAsync("https://billing.example.com http://localhost:5173");
        await Assertions.Expect(row).ToContainTextAsync("first-party (no consent screen)");
        Assert.DoesNotContain(secret!, await page.ContentAsync(), StringComparison.Ordinal);
        await PhoneWidth.AtBothWidthsAsync(page, "platform-oidc-clients");
        // The same registration the API makes: audited, the secret kept only as OpenIddict's hash.
        Assert.True(await app.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "oidc_client.created" && e.TargetId == clientId)));

        // Left empty, a public client's origins are its redirect URIs' (as through the API); a confidential one's none.
        await page.GotoAsync("/platform/oidc-clients/new");
        await page.GetByLabel("Name").FillAsync(name + " planner");
        await page.GetByLabel("Type").SelectOptionAsync("public");
        await page.GetByLabel("Redirect URIs", new() { Exact = true }).FillAsync("https://planner.example.com/cb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();
        await Assertions.Expect(page.Locator("#client-origins")).ToHaveTextAsync("https://planner.example.com");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Member_OpeningTheClientPages_IsRefused(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Not support either");
        await using var contexts = new Contexts();
        var member = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)], owner: true);

        foreach (var path in new[] { "/platform/oidc-clients", "/platform/oidc-clients/new" })
        {
            var response = await member.Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(member.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("platform operators");
            // The layout's hidden time-zone offer is there until the browser's zone is saved (a race with the page load), not an action.
            await Assertions.Expect(member.Page.Locator("form[method=post]:not(.inline):not(#time-zone-offer), table")).ToHaveCountAsync(0);
        }
    }
}
