using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// Screenshots of console pages for docs/screenshots/, taken while the seed tests walk the pages. They are written
/// only when GATEHOUSE_SCREENSHOTS names a directory (scripts/screenshots.sh sets it), so ordinary runs leave the
/// working tree alone. JPEG at a phone-friendly quality keeps each file small.
/// </summary>
internal static class Screenshots
{
    /// <summary>Saves the page as NAME.jpg when screenshots are wanted.</summary>
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GATEHOUSE_SCREENSHOTS") is not { Length: > 0 } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".jpg"), Type = ScreenshotType.Jpeg, Quality = 70, FullPage = false });
    }

    /// <summary>Saves NAME.jpg as the page is, and NAME-phone.jpg at a phone's width (390 px); the viewport is then put back.</summary>
    public static async Task TakeWithPhoneAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GATEHOUSE_SCREENSHOTS") is not { Length: > 0 })
        {
            return;
        }
        await TakeAsync(page, name);
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await TakeAsync(page, name + "-phone");
        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
