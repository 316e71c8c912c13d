using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Every console page, as a manager and as product support: labels on every control, visible focus, phone width.</summary>
public sealed class AccessibilityTests(ServerPool servers, Browser browser)
{
    // Controls without a label, an aria-label or an aria-labelledby that names something: none may be found.
    private const string UnlabelledControls = """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
            .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                && !(c.getAttribute('aria-labelledby') && document.getElementById(c.getAttribute('aria-labelledby')))
                && !(c.tagName === 'BUTTON' && c.textContent.trim()))
            .map(c => c.outerHTML.slice(0, 120))
        """;

    // Wider than the screen, outside the tables' own scroll boxes: the page would scroll sideways.
    private const string Overflowing = """
        () => document.documentElement.scrollWidth > window.innerWidth + 1
        """;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryConsolePage_LabelsEveryControl_AndFitsAPhone(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Labels " + Guid.NewGuid().ToString("N")[..6], 20);
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var colleague = await app.SeedMemberAsync(org, $"c{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", null)], owner: true);
        var operatorPage = await browser.SignedInOperatorAsync(app, contexts);
        var phone = await PhonePageAsync(app, contexts, manager.Email);

        string[] pages =
        [
            $"/orgs/{org}/members", $"/orgs/{org}/members/{colleague.MemberId}", $"/orgs/{org}/members/add", $"/orgs/{org}/invite",
            $"/orgs/{org}/invitations", $"/orgs/{org}/roles", $"/orgs/{org}/scopes", $"/orgs/{org}/audit",
        ];
        foreach (var path in pages)
        {
            await manager.Page.GotoAsync(path);
            Assert.Empty(await manager.Page.EvaluateAsync<string[]>(UnlabelledControls));
            await phone.GotoAsync(path);
            Assert.False(await phone.EvaluateAsync<bool>(Overflowing), $"{path} scrolls sideways at phone width.");
        }
        foreach (var path in new[] { "/platform/organizations", "/platform/organizations/new", "/platform/accounts", "/platform/oidc-clients", "/platform/oidc-clients/new" })
        {
            await operatorPage.GotoAsync(path);
            Assert.Empty(await operatorPage.EvaluateAsync<string[]>(UnlabelledControls));
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task KeyboardFocus_IsVisible_AndTheDevMailboxIsInTheBar(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Focus " + Guid.NewGuid().ToString("N")[..6], 20);
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", null)]);
        var page = manager.Page;
        await page.GotoAsync($"/orgs/{org}/members");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // No SMTP server is configured for the shared test servers, so the mailbox is open to this loopback browser.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dev mailbox" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dev mailbox" })).ToBeVisibleAsync();
    }

    private async Task<IPage> PhonePageAsync(GatehouseApp app, Contexts contexts, string email)
    {
        var context = await browser.NewContextAsync(app.BaseUrl, new ViewportSize { Width = 390, Height = 844 });
        contexts.Adopt(context);
        var page = await context.NewPageAsync();
        await AccountBrowsing.SignInAsync(page, email, AccountBrowsing.Password);
        return page;
    }
}
