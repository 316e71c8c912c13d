using System.Net;
using System.Net.Http.Headers;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>
/// The session cookie is checked against the database on every request but written again only when it changed or is a minute
/// old (<see cref="SessionStampValidator"/>): a deactivated person is still refused at the very next request, and the session
/// still slides.
/// </summary>
public sealed class SessionCookieRenewalTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheCookieIsNotRewrittenRightAfterSignIn_SlidesAfterAMinute_AndDeactivationEndsItAtTheNextRequest(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store);
        var clock = new ShiftedClock();
        await using var server = app.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var organization = await app.CreateOrganizationAsync("Harbour");
        var email = $"rosa{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, email, [new GrantSpec("member", null)], firstName: "Rosa", lastName: "Marquez");
        await app.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var signedIn = await browser.SignInAsync(email, AccountBrowsing.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.NotNull(signedIn.SessionCookie());

        // Checked (the page greets the person), not written again: nothing in it changed and it is seconds old.
        var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("Welcome, Rosa Marquez", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(next.SessionCookie());

        // A request a few minutes later extends the session: the cookie is written again with a later expiry.
        clock.Offset = TimeSpan.FromMinutes(3);
        var later = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var renewed = later.SessionCookie();
        Assert.NotNull(renewed);
        Assert.DoesNotContain("expires=Thu, 01 Jan 1970", renewed, StringComparison.OrdinalIgnoreCase);

        // Deactivated: the very next request is refused, though the cookie was not rewritten since.
        Assert.Null((await browser.GetAsync("/")).SessionCookie());
        (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();
        var refused = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/sign-in", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The system clock moved forward by <see cref="Offset"/>.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
