using System.Globalization;
using System.Net;
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
