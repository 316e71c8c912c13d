using System.Net;
using System.Net.Http.Headers;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>Antiforgery, cookies, security headers and error pages of the server-rendered pages.</summary>
public sealed class PageProtectionTests(ServerPool servers)
{
    private const string Password = AccountBrowsing.Password;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignInForm_WithoutItsToken_GetsTheFormExpiredPage_AndSignsNobodyIn(string store)
    {
        var app = await servers.GetAsync(store);
        var (member, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);

        var answer = await app.PageClient().SignInAsync(email, Password, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This form expired or did not come from Gatehouse. Go back, reload the page and try again.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(answer.SessionCookie());
        Assert.Null((await app.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == member.UserId))).LastLoginAt);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignOut_WithoutTheToken_IsRefused_AndTheSessionStays(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);
        var client = app.PageClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);

        var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains("This form expired", await signOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var withToken = await client.SubmitAsync("/", new Dictionary<string, string>(), action: "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Contains("/account/sign-in", (await client.GetAsync("/")).Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SessionCookie_IsHttpOnlyAndLax_AndNotSecureOnPlainHttp(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);

        var cookie = (await app.PageClient().SignInAsync(email, Password)).SessionCookie();

        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SessionCookie_IsSecure_WhenThePublicUrlIsHttps(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string> { ["Gatehouse:PublicUrl"] = "https://gatehouse.example.com" });
        var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);

        var cookie = (await app.PageClient().SignInAsync(email, Password)).SessionCookie();

        Assert.NotNull(cookie);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Pages_SendTheSecurityHeaders_AndNoScript(string store)
    {
        var app = await servers.GetAsync(store);
        var client = app.PageClient();

        foreach (var (path, status) in new[] { ("/account/sign-in", HttpStatusCode.OK), ("/no-such-page", HttpStatusCode.NotFound) })
        {
            var page = await client.GetAsync(path);

            Assert.Equal(status, page.StatusCode);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(page.Headers.CacheControl?.NoStore, $"{path} is not kept in caches.");
            Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnknownPage_IsAPageForBrowsers_AndAProblemForTheApiAndPrograms(string store)
    {
        var app = await servers.GetAsync(store);
        var browser = app.PageClient();

        var page = await browser.GetAsync("/no-such-page");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await (await browser.GetAsync("/api/v1/no-such-endpoint")).ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await app.CreateClient().GetAsync("/no-such-page")).ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
