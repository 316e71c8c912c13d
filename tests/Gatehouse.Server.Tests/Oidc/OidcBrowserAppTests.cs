using System.Text.Json;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// A browser app on oidc-client-ts (npm) in Chromium, at an origin of its own: code + PKCE through the real sign-in page, then the
/// token, userinfo and revocation calls cross-origin, which only CORS for its registered origin lets its script read.
/// </summary>
public sealed class OidcBrowserAppTests(OidcListeningServers servers, Browser browser)
{
    private static readonly string Pages = Path.Combine(AppContext.BaseDirectory, "Oidc", "rp");

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OidcClientTs_InTheBrowser_SignsIn_GetsTokensAndUserinfoCrossOrigin_Refreshes_AndRevokes(string store)
    {
        var app = await servers.GetAsync(store);
        var (member, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Browser app"));
        var spa = $"http://localhost:{MailServer.FreePort()}";
        // A public client: its allowed origins default to its redirect URI's origin.
        var client = await OidcListeningServers.RegisterAsync(app, "public", spa + "/callback");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        await ServeAsync(context, spa, "spa.html");
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{spa}/?authority={Uri.EscapeDataString(app.BaseUrl.ToString())}&client_id={client.ClientId}");
        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Text);
        page.RequestFailed += (_, r) => console.Add("failed " + r.Url + " " + r.Failure);
        try
        {
            await page.WaitForNavigationToAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"The browser app did not reach the sign-in page: {page.Url} {string.Join('\n', console)}");
        }
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AccountBrowsing.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var result = await ResultAsync(page);

        Assert.False(result.TryGetProperty("error", out var error), "The browser app failed: " + error);
        Assert.Equal((member.UserId.ToString(), email), (result.GetProperty("sub").GetString(), result.GetProperty("email").GetString()));
        Assert.Equal(200, result.GetProperty("userinfoStatus").GetInt32());
        Assert.Equal(member.UserId.ToString(), result.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.Equal(result.GetProperty("orgId").GetString(), result.GetProperty("userinfo").GetProperty("org_id").GetString());
        Assert.NotEqual(result.GetProperty("firstRefreshToken").GetString(), result.GetProperty("secondRefreshToken").GetString());
        Assert.True(result.GetProperty("revoked").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task APageOfAnUnregisteredOrigin_CannotReadTheProvidersAnswers(string store)
    {
        var app = await servers.GetAsync(store);
        var elsewhere = $"http://localhost:{MailServer.FreePort()}";
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        await ServeAsync(context, elsewhere, "elsewhere.html");
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{elsewhere}/?authority={Uri.EscapeDataString(app.BaseUrl.ToString())}");
        var result = await ResultAsync(page);

        Assert.Equal(("blocked", "blocked", "blocked"),
            (result.GetProperty("discovery").GetString(), result.GetProperty("token").GetString(), result.GetProperty("userinfo").GetString()));
    }

    /// <summary>Serves <paramref name="html"/> for every page of <paramref name="origin"/> (nobody listens there) and oidc-client-ts's browser build.</summary>
    private static async Task ServeAsync(IBrowserContext context, string origin, string html)
    {
        var script = Path.Combine(NodeRelyingParty.Modules, "oidc-client-ts", "dist", "browser", "oidc-client-ts.js");
        // A page the route answers has no address, so Chromium counts it as public and asks before it calls loopback (Local Network
        // Access); the server under test is on loopback, a real deployment is not. Granting it keeps CORS the only thing checked.
        await context.GrantPermissionsAsync(["local-network-access"], new() { Origin = origin });
        await context.RouteAsync(url => url.StartsWith(origin + "/", StringComparison.Ordinal), route =>
            new Uri(route.Request.Url).AbsolutePath == "/oidc-client-ts.js"
                ? route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Path = script })
                : route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Path = Path.Combine(Pages, html) }));
    }

    private static async Task<JsonElement> ResultAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__result !== undefined", null, new() { Timeout = 30_000 });
        return JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__result)")).RootElement.Clone();
    }
}
