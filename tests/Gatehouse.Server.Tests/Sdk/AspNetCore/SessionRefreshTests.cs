using Gatehouse.Server.Tests.Oidc;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Sdk.AspNetCore.ProductSessions;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>
/// A product that renews the access token at every request (RefreshBefore longer than the token's five minutes), so the
/// refresh path runs all the time: requests arriving together share one refresh, and a refused refresh ends the session.
/// </summary>
public sealed class SessionRefreshTests(OidcListeningServers servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RequestsArrivingTogether_ShareOneRefresh_SoTheSessionSurvives_ARefreshBringsTheCurrentName_AndARefusedRefreshSignsOut(string store)
    {
        var gatehouse = await servers.GetAsync(store);
        await using var product = await GatehouseProduct.StartAsync(gatehouse, o => o.RefreshBefore = TimeSpan.FromMinutes(10));
        var ada = await PersonAsync(gatehouse);
        var page = await SignInAsync(browser, product, ada.Email);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync(HomePage());

        // Six requests with the same cookie (the same refresh token): Gatehouse rotates with no reuse leeway, so a second
        // refresh with that token would revoke the whole session.
        var together = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GetAsync(page, product, "/whoami")));
        foreach (var answer in together)
        {
            Assert.Equal($"Ada Lovelace in {ada.OrganizationId}", await answer.TextAsync());
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"Ada Lovelace in {ada.OrganizationId}", await (await GetAsync(page, product, "/whoami")).TextAsync());
        }
        // The renewed access token is the one the checks use, and Gatehouse accepts it.
        Assert.Equal(200, (await GetAsync(page, product, $"/projects/{ada.ProjectId}/documents")).Status);

        // A refresh brings the person's current name into the session.
        await gatehouse.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == ada.Member.UserId);
            user.UpdateProfile("Augusta", user.LastName, user.Phone, null);
            return await db.SaveChangesAsync();
        });
        Assert.StartsWith("Signed in as Augusta Lovelace in Product ", await (await GetAsync(page, product, "/")).TextAsync(), StringComparison.Ordinal);

        (await gatehouse.Operator.PostAsync($"/api/v1/organizations/{ada.OrganizationId}/members/{ada.Member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();
        Assert.Equal("nobody", await (await GetAsync(page, product, "/whoami")).TextAsync());
    }
}
