using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Gatehouse.Server.Tests.Oidc.OidcListeningServers))]

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// Servers with the provider on that listen on a free port of 127.0.0.1 (Kestrel), one per store, for the third-party clients
/// (a node process, Chromium). No public URL is set, so the issuer is the real loopback address, http allowed there.
/// </summary>
public sealed class OidcListeningServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GatehouseApp>>> _servers = new();

    /// <summary>The shared listening server of a store.</summary>
    public Task<GatehouseApp> GetAsync(string store) =>
        _servers.GetOrAdd(store, s => new Lazy<Task<GatehouseApp>>(() => GatehouseApp.StartAsync(s, settings: OidcKeyTests.Enabled, kestrel: true))).Value;

    /// <summary>Registers a client whose redirect URI is on a loopback port nobody listens on (the browser's navigation to it is caught).</summary>
    public static async Task<TestClient> RegisterAsync(GatehouseApp app, string type, string? redirectUri = null, string[]? allowedOrigins = null)
    {
        var redirect = redirectUri ?? $"http://127.0.0.1:{MailServer.FreePort()}/callback";
        var body = new Dictionary<string, object> { ["name"] = "Third party " + Guid.NewGuid().ToString("N")[..6], ["type"] = type, ["redirectUris"] = new[] { redirect }, ["firstParty"] = true };
        if (allowedOrigins is not null)
        {
            body["allowedOrigins"] = allowedOrigins;
        }
        var created = await (await app.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", body)).ExpectAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret");
        return new TestClient(created.GetProperty("client").GetProperty("clientId").GetString()!, secret.ValueKind == JsonValueKind.String ? secret.GetString() : null, redirect);
    }

    /// <summary>
    /// Opens <paramref name="authorizeUrl"/> in <paramref name="page"/>, signs in on Gatehouse's real sign-in page when it shows
    /// (with <paramref name="email"/>), and returns the full address the browser was sent to at <paramref name="redirectUri"/>.
    /// </summary>
    public static async Task<string> BrowseToCallbackAsync(IPage page, string authorizeUrl, string redirectUri, string? email, Action? onSignInPage = null)
    {
        var callback = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Only the answer to this request: Chromium reloads an error page by itself, which repeats an earlier callback.
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(authorizeUrl).Query)["state"].ToString();
        void Seen(object? sender, IRequest request)
        {
            if (request.Url.StartsWith(redirectUri, StringComparison.Ordinal)
                && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(request.Url).Query)["state"] == state)
            {
                callback.TrySetResult(request.Url);
            }
        }
        // The route answers for the product; but Chromium follows a redirect of a navigation that page.goto started without asking
        // the route (prompt=none answers at once), so the request itself is what tells where the browser was sent.
        Func<IRoute, Task> answer = route => route.FulfillAsync(new() { Status = 200, ContentType = "text/plain", Body = "back at the product" });
        Func<string, bool> atRedirect = url => url.StartsWith(redirectUri, StringComparison.Ordinal);
        page.Request += Seen;
        await page.Context.RouteAsync(atRedirect, answer);
        try
        {
            await page.GotoAsync(authorizeUrl);
        }
        catch (PlaywrightException) when (callback.Task.IsCompleted)
        {
            // Nobody listens at the redirect URI.
        }
        if (!callback.Task.IsCompleted && page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
        {
            onSignInPage?.Invoke();
            Assert.NotNull(email);
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(AccountBrowsing.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        var url = await callback.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.Context.UnrouteAsync(atRedirect, answer);
        page.Request -= Seen;
        await page.GotoAsync("about:blank");
        return url;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
