using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// A console page at phone width (390 × 844): what is out of reach there, and a page's screenshots at both widths
/// (docs/console.md links each screen's pair).
/// </summary>
internal static class PhoneWidth
{
    /// <summary>The phone the walkthroughs use.</summary>
    public static readonly ViewportSize Size = new() { Width = 390, Height = 844 };

    /// <summary>
    /// What is out of reach at phone width: the page scrolling sideways, a control past the screen's edge (a table scrolled
    /// sideways inside its box hides them too), and a box to type or choose in under 32 px high (a browser's bare default).
    /// Evaluated in the page, it answers one sentence per fault.
    /// </summary>
    public const string OutOfReach = """
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
    /// The page as it stands, saved as NAME (at its own width) and NAME-phone (at 390 × 844, where nothing may be out of
    /// reach), each scrolled to <paramref name="scrollTo"/> (a selector) when given, the phone's to
    /// <paramref name="phoneScrollTo"/> when that is given; the page is back at its width after. The phone check runs
    /// whether screenshots are wanted or not.
    /// </summary>
    public static async Task AtBothWidthsAsync(IPage page, string name, string? scrollTo = null, string? phoneScrollTo = null)
    {
        var own = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 900 };
        await ScrollAsync(page, scrollTo);
        await Screenshots.TakeAsync(page, name);
        await page.SetViewportSizeAsync(Size.Width, Size.Height);
        try
        {
            Assert.Empty(await page.EvaluateAsync<string[]>(OutOfReach));
            await ScrollAsync(page, phoneScrollTo ?? scrollTo);
            await Screenshots.TakeAsync(page, name + "-phone");
        }
        finally
        {
            await page.SetViewportSizeAsync(own.Width, own.Height);
        }
    }

    private static async Task ScrollAsync(IPage page, string? selector)
    {
        if (selector is not null)
        {
            await page.Locator(selector).First.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        }
    }
}
