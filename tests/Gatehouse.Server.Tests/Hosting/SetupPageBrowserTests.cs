using Gatehouse.Server.Tests.Console;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The one-time setup page in Chromium: the form and its confirmation fit a phone, and the confirmation leads on to sign-in.</summary>
public sealed class SetupPageBrowserTests(Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetupForm_AndItsConfirmation_FitAPhone_AndTheConfirmationLeadsToSignIn(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false, kestrel: true);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/setup?token={app.SetupToken()}");
        await page.GetByLabel("Email").FillAsync("first@example.com");
        await page.GetByLabel("First name").FillAsync("Fran");
        await page.GetByLabel("Last name").FillAsync("First");
        await page.GetByLabel("Password (at least 12 characters)").FillAsync("a long first password");
        await PhoneWidth.AtBothWidthsAsync(page, "setup-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create platform operator" }).ClickAsync();

        // The server's own address (where it listens, as no public URL is configured), not a fixed port.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gatehouse is set up" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#try-it")).ToContainTextAsync(new Uri(app.BaseUrl, "/api/v1/me").ToString());
        await PhoneWidth.AtBothWidthsAsync(page, "setup-done");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForNavigationToAsync(new Uri(app.BaseUrl, "/account/sign-in").ToString());
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }
}
