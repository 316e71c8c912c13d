using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Support;

/// <summary>Waiting for a page to reach a URL.</summary>
public static class PageNavigation
{
    /// <summary>
    /// Waits until the page's URL matches and the new document has arrived, not until every stylesheet and script has
    /// loaded (Playwright's default): under CI's load that took longer than the timeout once, on a page that was right.
    /// What the test expects of the page is then asserted with Playwright's retrying assertions.
    /// </summary>
    public static Task WaitForNavigationToAsync(this IPage page, string url) => page.WaitForURLAsync(url, Committed);

    /// <inheritdoc cref="WaitForNavigationToAsync(IPage, string)"/>
    public static Task WaitForNavigationToAsync(this IPage page, Func<string, bool> url) => page.WaitForURLAsync(url, Committed);

    private static PageWaitForURLOptions Committed => new() { WaitUntil = WaitUntilState.Commit };
}
