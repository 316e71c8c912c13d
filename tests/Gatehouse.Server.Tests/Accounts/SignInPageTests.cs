using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The sign-in page in real Chromium.</summary>
public sealed class SignInPageTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_SignsIn_AndLandsOnThePageTheyAskedFor(string store)
    {
        var app = await servers.GetListeningAsync(store);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email").FillAsync("operator@gatehouse.test");
        await page.GetByLabel("Password").FillAsync("a long operator password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Paula Operator" })).ToBeVisibleAsync();
        Assert.Equal(new Uri(app.BaseUrl, "/").ToString(), page.Url);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WrongPassword_IsRefused_AndSignsNobodyIn(string store)
    {
        var app = await servers.GetListeningAsync(store);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync("operator@gatehouse.test");
        await page.GetByLabel("Password").FillAsync("not the operator password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "gatehouse.session");
    }
}
