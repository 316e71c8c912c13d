using System.Globalization;
using System.Net;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// What the seed walkthroughs of 002 (micromobility), 003 (facilities) and 004 (workspaces) share: seeds walked through the console in real Chromium, page by
/// page as their help pages describe, each checked through the page and through the API or the database.
/// </summary>
public sealed partial class SeedWalkthroughTests
{
    private static ILocator Row(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    private static ILocator Success(IPage page) => page.Locator(".notice.success");

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Level(IPage page, string category, string level) =>
        page.GetByRole(AriaRole.Group, new() { Name = category, Exact = true }).GetByLabel(level, new() { Exact = true });

    private static async Task ConfirmAsync(IPage page, string summary, string button)
    {
        await page.Locator("summary", new() { HasText = summary }).ClickAsync();
        await Button(page, button).ClickAsync();
    }

    private static async Task<int> SeatsUsedAsync(IPage page) =>
        int.Parse(await page.GetByLabel("Seats").Locator("strong").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    // What is out of reach at phone width: the page scrolling sideways, a control past the screen's edge (a table scrolled
    // sideways inside its box hides them too), and a box to type or choose in under 32 px high (a browser's bare default).
    private const string OutOfReach = """
        () => {
            const width = window.innerWidth;
            const shown = selector => [...document.querySelectorAll(selector)].filter(c => c.getBoundingClientRect().width > 1);
            const cut = shown('a, button, input:not([type=hidden]), select, textarea, summary')
                .filter(c => { const r = c.getBoundingClientRect(); return r.left < -1 || r.right > width + 1; })
                .map(c => 'cut off: ' + c.outerHTML.slice(0, 100));
            const tiny = shown('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')
                .filter(c => c.getBoundingClientRect().height < 32)
                .map(c => 'too small: ' + c.outerHTML.slice(0, 100));
            const wide = document.documentElement.scrollWidth > width + 1 ? [`the page is ${document.documentElement.scrollWidth} px wide`] : [];
            return [...wide, ...cut, ...tiny];
        }
        """;

    /// <summary>
    /// The user list and <paramref name="memberName"/>'s access page at phone width (390 × 844), signed in as
    /// <paramref name="email"/>: nothing runs off the side; saved as PRESET-members-phone and PRESET-member-phone.
    /// </summary>
    private async Task AtPhoneWidthAsync(GatehouseApp app, Guid org, string email, string memberName)
    {
        await using var phone = await browser.NewContextAsync(app.BaseUrl, new ViewportSize { Width = 390, Height = 844 });
        var small = await phone.NewPageAsync();
        await AccountBrowsing.SignInAsync(small, email, AccountBrowsing.Password);
        await small.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(small, memberName)).ToBeVisibleAsync();
        Assert.Empty(await small.EvaluateAsync<string[]>(OutOfReach));
        await small.Locator("table.members").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await Screenshots.TakeAsync(small, app.Preset + "-members-phone");

        await Link(small, memberName).ClickAsync();
        await Assertions.Expect(small.GetByRole(AriaRole.Heading, new() { Name = memberName, Exact = true })).ToBeVisibleAsync();
        Assert.Empty(await small.EvaluateAsync<string[]>(OutOfReach));
        await small.Locator("#access-heading").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await Screenshots.TakeAsync(small, app.Preset + "-member-phone");
    }

    /// <summary>Someone who is not allowed there opens <paramref name="path"/>: the not-found notice, and none of <paramref name="secrets"/>.</summary>
    private static async Task ExpectNotFoundAsync(IPage page, string path, params string[] secrets)
    {
        var answer = await page.GotoAsync(path);
        Assert.Equal((int)HttpStatusCode.NotFound, answer!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        var content = await page.ContentAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, content, StringComparison.Ordinal);
        }
    }
}
