using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Support;

/// <summary>Waiting for a page to reach a URL.</summary>
public static class PageNavigation
{
    /// <summary>
    /// Waits until the page's URL matches and its document is parsed, not until every stylesheet and image has loaded
    /// (Playwright's default): under CI's load that took longer than the timeout once, on a page that was right. What the
    /// test expects of the page is then asserted with Playwright's retrying assertions. When the page never gets there, the
    /// failure says where it stopped and what that page said (a refused sign-in's problem, an error page). Not
    /// <see cref="WaitUntilState.Commit"/>: this Playwright waits for a "commit" load state that never comes when the page is
    /// already at the URL.
    /// </summary>
    public static Task WaitForNavigationToAsync(this IPage page, string url) =>
        ExplainedAsync(page, page.WaitForURLAsync(url, Parsed), url);

    /// <inheritdoc cref="WaitForNavigationToAsync(IPage, string)"/>
    public static Task WaitForNavigationToAsync(this IPage page, Func<string, bool> url) =>
        ExplainedAsync(page, page.WaitForURLAsync(url, Parsed), "a URL the test's condition accepts");

    private static PageWaitForURLOptions Parsed => new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static async Task ExplainedAsync(IPage page, Task waiting, string wanted)
    {
        try
        {
            await waiting;
        }
        catch (TimeoutException timeout)
        {
            string text;
            try
            {
                text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                text = "(unreadable)";
            }
            throw new TimeoutException($"The page did not reach {wanted}; it stayed at {page.Url}, which says: {text[..Math.Min(text.Length, 1_000)]}", timeout);
        }
    }
}
