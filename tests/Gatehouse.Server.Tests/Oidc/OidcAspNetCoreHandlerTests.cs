using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>ASP.NET Core's OpenIdConnect handler, unchanged, signs a person in through Gatehouse's real pages in Chromium, refreshes and signs out.</summary>
public sealed class OidcAspNetCoreHandlerTests(OidcAspNetCoreHandlerTests.Products products, Browser browser) : IClassFixture<OidcAspNetCoreHandlerTests.Products>
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StockHandler_SignsInThroughGatehouse_RefreshesWithTheSavedToken_AndSignsOut(string store)
    {
        var (gatehouse, product) = await products.GetAsync(store);
        var organizationId = await gatehouse.CreateOrganizationAsync("Handler " + Guid.NewGuid().ToString("N")[..6]);
        var (_, email) = await OidcFlow.PersonAsync(gatehouse, organizationId, "admin", "Hedy", "Lamarr");
        await using var context = await browser.NewContextAsync(product.BaseUrl);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Method + " " + request.Url);

        // The product sends the person to Gatehouse's own sign-in page (after pushing its request) and gets them back signed in.
        await page.GotoAsync(product.BaseUrl.ToString());
        Assert.StartsWith(gatehouse.BaseUrl + "account/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AccountBrowsing.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Signed in as Hedy Lamarr as Admin in {await OrganizationNameAsync(gatehouse, organizationId)} ({organizationId})");

        // On its defaults the handler pushed its request (PAR) and asked for the answer as a form post.
        Assert.Contains(requests, r => r.StartsWith($"GET {gatehouse.BaseUrl}connect/authorize?", StringComparison.Ordinal)
            && r.Contains("request_uri=urn", StringComparison.Ordinal) && !r.Contains("code_challenge", StringComparison.Ordinal));
        Assert.Contains($"POST {product.RedirectUri}", requests);

        // Refresh with the refresh token the handler saved (offline_access, without prompt=consent), and the new access token works.
        var refresh = await page.GotoAsync(new Uri(product.BaseUrl, "/refresh").ToString());
        var refreshed = JsonDocument.Parse(await refresh!.TextAsync()).RootElement;
        Assert.True(refresh.Ok, refreshed.ToString());
        Assert.True(refreshed.GetProperty("refreshed").GetBoolean());
        using var api = gatehouse.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        (await api.GetAsync($"/api/v1/organizations/{organizationId}/members")).EnsureSuccessStatusCode();

        // Signing out of the product ends the Gatehouse session too and comes back through /signout-callback-oidc.
        await page.GotoAsync(new Uri(product.BaseUrl, "/sign-out").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("Signed out of the product");
        Assert.Equal(new Uri(product.BaseUrl, "/signed-out").ToString(), page.Url);
        await page.GotoAsync(product.BaseUrl.ToString());
        Assert.StartsWith(gatehouse.BaseUrl + "account/sign-in", page.Url, StringComparison.Ordinal);
    }

    private static async Task<string> OrganizationNameAsync(GatehouseApp app, Guid organizationId) =>
        (await app.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{organizationId}")).GetProperty("name").GetString()!;

    /// <summary>One Gatehouse server listening on loopback (its loopback address is its public URL and issuer) and one product, per store.</summary>
    public sealed class Products : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<(GatehouseApp, AspNetCoreProduct)>>> _pairs = new();

        /// <summary>The pair of a store, started on first use with the product registered as a confidential, first-party client.</summary>
        public Task<(GatehouseApp Gatehouse, AspNetCoreProduct Product)> GetAsync(string store) =>
            _pairs.GetOrAdd(store, s => new Lazy<Task<(GatehouseApp, AspNetCoreProduct)>>(() => StartAsync(s))).Value;

        private static async Task<(GatehouseApp, AspNetCoreProduct)> StartAsync(string store)
        {
            var gatehouse = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled, kestrel: true);
            var product = await AspNetCoreProduct.StartAsync(gatehouse.BaseUrl);
            var created = await (await gatehouse.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new
            {
                name = "Handler product", type = "confidential", redirectUris = new[] { product.RedirectUri },
                postLogoutRedirectUris = new[] { product.PostLogoutRedirectUri }, parRequired = false, firstParty = true,
            })).ExpectAsync(HttpStatusCode.Created);
            product.UseClient(created.GetProperty("client").GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
            return (gatehouse, product);
        }

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            foreach (var pair in _pairs.Values.Where(p => p.IsValueCreated))
            {
                var (gatehouse, product) = await pair.Value;
                await product.DisposeAsync();
                await gatehouse.DisposeAsync();
            }
        }
    }
}
