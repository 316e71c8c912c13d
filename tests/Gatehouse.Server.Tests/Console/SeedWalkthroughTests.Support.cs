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

    /// <summary>
    /// The user list and <paramref name="memberName"/>'s access page at phone width (390 × 844), signed in as
    /// <paramref name="email"/>: nothing runs off the side, the filters are folded so the list starts on the first screen,
    /// and they still work once opened; saved as PRESET-members-phone and PRESET-member-phone.
    /// </summary>
    private async Task AtPhoneWidthAsync(GatehouseApp app, Guid org, string email, string memberName)
    {
        await using var phone = await browser.NewContextAsync(app.BaseUrl, PhoneWidth.Size);
        var small = await phone.NewPageAsync();
        await AccountBrowsing.SignInAsync(small, email, AccountBrowsing.Password);
        await small.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(small, memberName)).ToBeVisibleAsync();
        Assert.Empty(await small.EvaluateAsync<string[]>(PhoneWidth.OutOfReach));
        await ExpectListOnFirstScreenAsync(small);
        await Screenshots.TakeAsync(small, app.Preset + "-members-phone");

        // The folded filters open, and narrow the list as on a desktop: the summary then counts them.
        await FiltersSummary(small).ClickAsync();
        await small.GetByLabel("Search", new() { Exact = true }).FillAsync(memberName.Split(' ')[^1]);
        await ChooseAsync(small, "Status", "Active");
        Assert.Empty(await small.EvaluateAsync<string[]>(PhoneWidth.OutOfReach));
        await ApplyFiltersAsync(small);
        await Assertions.Expect(small).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=active"));
        await Assertions.Expect(FiltersSummary(small)).ToHaveTextAsync("Filters (2 active)");
        await Assertions.Expect(MemberRow(small, memberName)).ToBeVisibleAsync();
        await ExpectListOnFirstScreenAsync(small);

        await Link(small, memberName).ClickAsync();
        await Assertions.Expect(small.GetByRole(AriaRole.Heading, new() { Name = memberName, Exact = true })).ToBeVisibleAsync();
        Assert.Empty(await small.EvaluateAsync<string[]>(PhoneWidth.OutOfReach));
        await small.Locator("#access-heading").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await Screenshots.TakeAsync(small, app.Preset + "-member-phone");
    }

    private static ILocator FiltersSummary(IPage page) => page.Locator("details.filters-fold > summary");

    /// <summary>At phone width, on a freshly opened list: the filters folded, and the first row's name on the first screen.</summary>
    private static async Task ExpectListOnFirstScreenAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("details.filters-fold")).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" })).ToBeHiddenAsync();
        await Assertions.Expect(MemberRows(page).First.GetByRole(AriaRole.Link).First).ToBeInViewportAsync(new() { Ratio = 1 });
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
