using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ConnectedWorkshop;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Sdk.Sample;

/// <summary>A Gatehouse on the workshops preset listening on loopback, and the sample registered with it and running beside it.</summary>
public sealed record SampleSite(GatehouseApp Gatehouse, WebApplication App, Uri BaseUrl);

/// <summary>One Gatehouse (workshops preset) and one ConnectedWorkshop per store, and people signing in through Gatehouse's pages.</summary>
public sealed class SampleSites : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SampleSite>>> _sites = new();

    /// <summary>The site of a store.</summary>
    public Task<SampleSite> GetAsync(string store) => _sites.GetOrAdd(store, s => new Lazy<Task<SampleSite>>(() => StartAsync(s))).Value;

    /// <summary>
    /// A person with <see cref="AccountBrowsing.Password"/> in <paramref name="organizationId"/> holding <paramref name="grants"/>
    /// (the same email again adds the same person to another organization).
    /// </summary>
    public static async Task<SeededMember> PersonAsync(GatehouseApp gatehouse, Guid organizationId, string email, params GrantSpec[] grants)
    {
        var member = await gatehouse.SeedMemberAsync(organizationId, email, grants, firstName: "Ada", lastName: "Lovelace");
        await gatehouse.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        return member;
    }

    /// <summary>Opens the sample in a fresh context and signs in on Gatehouse's sign-in page; returns on the page that follows.</summary>
    public static async Task<IPage> SignInAsync(Browser browser, SampleSite site, string email)
    {
        var page = await browser.NewPageAsync(site.BaseUrl);
        await page.GotoAsync(site.BaseUrl.ToString());
        Assert.StartsWith(site.Gatehouse.BaseUrl + "account/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AccountBrowsing.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForNavigationToAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal)
            && !url.Contains("/connect/authorize", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A GET with the page's cookies, redirects not followed.</summary>
    public static Task<IAPIResponse> GetAsync(IPage page, SampleSite site, string path) =>
        page.APIRequest.GetAsync(new Uri(site.BaseUrl, path).ToString(), new() { MaxRedirects = 0 });

    private static async Task<SampleSite> StartAsync(string store)
    {
        var gatehouse = await GatehouseApp.StartAsync(store, "workshops", settings: OidcKeyTests.Enabled, kestrel: true);
        var baseUrl = new Uri($"http://127.0.0.1:{MailServer.FreePort()}/");
        // As the sample's README registers it (there with the CLI; the same registration over the API here).
        var created = await (await gatehouse.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new
        {
            name = "Connected Workshop " + store, type = "confidential", firstParty = true,
            redirectUris = new[] { new Uri(baseUrl, "signin-oidc").ToString() },
            postLogoutRedirectUris = new[] { new Uri(baseUrl, "signout-callback-oidc").ToString() },
        })).ExpectAsync(HttpStatusCode.Created);
        var app = ConnectedWorkshopApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectedWorkshop:PublicUrl"] = baseUrl.ToString(),
                ["Gatehouse:Authority"] = gatehouse.BaseUrl.ToString(),
                ["Gatehouse:ClientId"] = created.GetProperty("client").GetProperty("clientId").GetString(),
                ["Gatehouse:ClientSecret"] = created.GetProperty("clientSecret").GetString(),
            });
        });
        await app.StartAsync();
        return new SampleSite(gatehouse, app, baseUrl);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var site in _sites.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            var started = await site.Value;
            await started.App.StopAsync();
            await started.App.DisposeAsync();
            await started.Gatehouse.DisposeAsync();
        }
    }
}
