using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>A person of the tests and their organization's project.</summary>
public sealed record ProductPerson(SeededMember Member, string Email, Guid OrganizationId, Guid ProjectId);

/// <summary>One product per store on the shared listening Gatehouse, and signing people in to it through Gatehouse's pages in Chromium.</summary>
public sealed partial class ProductSessions(OidcListeningServers servers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GatehouseProduct>>> _products = new();

    /// <summary>The product of a store.</summary>
    public Task<GatehouseProduct> GetAsync(string store) =>
        _products.GetOrAdd(store, s => new Lazy<Task<GatehouseProduct>>(async () => await GatehouseProduct.StartAsync(await servers.GetAsync(s)))).Value;

    /// <summary>A new organization with a project, and a person there holding <paramref name="role"/> at that project only.</summary>
    public static async Task<ProductPerson> PersonAsync(GatehouseApp gatehouse, string role = "viewer", string first = "Ada", string last = "Lovelace")
    {
        var organizationId = await gatehouse.CreateOrganizationAsync("Product " + Guid.NewGuid().ToString("N")[..6]);
        var projectId = await gatehouse.CreateScopeAsync(organizationId, "Harbour");
        var email = $"p{Guid.NewGuid():N}@example.com";
        var member = await gatehouse.SeedMemberAsync(organizationId, email, [new GrantSpec(role, projectId)], firstName: first, lastName: last);
        await gatehouse.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        return new ProductPerson(member, email, organizationId, projectId);
    }

    /// <summary>Opens the product in a fresh context, signs in on Gatehouse's sign-in page and waits for the product's home page.</summary>
    public static async Task<IPage> SignInAsync(Browser browser, GatehouseProduct product, string email, string? path = null)
    {
        var context = await browser.NewContextAsync(product.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(product.BaseUrl, path ?? "/").ToString());
        return await SignInHereAsync(page, product, email);
    }

    /// <summary>Opens the product in a fresh context and signs in for one organization through its switch form.</summary>
    public static async Task<IPage> SignInForAsync(Browser browser, GatehouseProduct product, string email, Guid organizationId, string returnUrl)
    {
        var context = await browser.NewContextAsync(product.BaseUrl);
        var page = await context.NewPageAsync();
        await SwitchAsync(page, product, organizationId, returnUrl);
        return await SignInHereAsync(page, product, email);
    }

    /// <summary>Posts the product's switch form (its page carries the antiforgery token), as a person's click does.</summary>
    public static async Task SwitchAsync(IPage page, GatehouseProduct product, Guid? organizationId, string returnUrl)
    {
        await page.GotoAsync(new Uri(product.BaseUrl, $"/switch?organizationId={organizationId}&returnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
    }

    private static async Task<IPage> SignInHereAsync(IPage page, GatehouseProduct product, string email)
    {
        Assert.StartsWith(product.Gatehouse.BaseUrl + "account/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AccountBrowsing.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForNavigationToAsync(url => url.StartsWith(product.BaseUrl.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A GET with the page's cookies, redirects not followed.</summary>
    public static Task<IAPIResponse> GetAsync(IPage page, GatehouseProduct product, string path) =>
        page.APIRequest.GetAsync(new Uri(product.BaseUrl, path).ToString(), new() { MaxRedirects = 0 });

    /// <summary>Matches the product's home page.</summary>
    [GeneratedRegex("^Signed in as ")]
    public static partial Regex HomePage();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var product in _products.Values.Where(p => p.IsValueCreated))
        {
            await (await product.Value).DisposeAsync();
        }
    }
}
