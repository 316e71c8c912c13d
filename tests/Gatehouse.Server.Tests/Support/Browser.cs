using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Gatehouse.Server.Tests.Support.Browser))]

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// One headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) for the whole test run, started on
/// first use and closed after the last test. Each test opens its own context, so cookies never leak between tests.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    /// <summary>Where Debian installs Chromium; GATEHOUSE_TEST_CHROMIUM overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("GATEHOUSE_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>
    /// A fresh browser context (its own cookies) whose relative URLs go to <paramref name="baseUrl"/>. Its clock is in
    /// <paramref name="timeZone"/> (UTC unless given, whatever the machine's), the zone the console takes for a new profile.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, ViewportSize? viewport = null, string timeZone = "UTC")
    {
        var browser = await StartAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>A page in a fresh context.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl) => await (await NewContextAsync(baseUrl)).NewPageAsync();

    private async Task<IBrowser> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}. scripts/test.sh installs it (apt-get install chromium).");
            }
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
