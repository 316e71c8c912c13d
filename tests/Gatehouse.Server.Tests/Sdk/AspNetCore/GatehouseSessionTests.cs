using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Sdk.AspNetCore.ProductSessions;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>The session Gatehouse.AspNetCore keeps: its organization, a switch to another, and its end when Gatehouse no longer accepts the person.</summary>
public sealed class GatehouseSessionTests(ProductSessions products, Browser browser) : IClassFixture<ProductSessions>
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivatedMember_IsSignedOutAtTheirNextRequest(string store)
    {
        var product = await products.GetAsync(store);
        var ada = await PersonAsync(product.Gatehouse);
        var page = await SignInAsync(browser, product, ada.Email);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync(HomePage());
        Assert.Equal($"Ada Lovelace in {ada.OrganizationId}", await (await GetAsync(page, product, "/whoami")).TextAsync());

        (await product.Gatehouse.Operator.PostAsync($"/api/v1/organizations/{ada.OrganizationId}/members/{ada.Member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        Assert.Equal("nobody", await (await GetAsync(page, product, "/whoami")).TextAsync());
        // The product's cookie is gone, so a page that needs a session sends the person to Gatehouse again.
        var home = await GetAsync(page, product, "/");
        Assert.Equal(302, home.Status);
        Assert.StartsWith(product.Gatehouse.BaseUrl + "connect/authorize", home.Headers["location"], StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SwitchOrganization_SignsInAgainForTheOtherOrganization_ChecksAskThere_AndARefusalSaysWhy(string store)
    {
        var product = await products.GetAsync(store);
        var ada = await PersonAsync(product.Gatehouse);
        var other = await PersonAsync(product.Gatehouse, role: "manager");
        // Ada is also a member of the second organization, as a manager at its project.
        await product.Gatehouse.SeedMemberAsync(other.OrganizationId, ada.Email, [new Gatehouse.Core.Grants.GrantSpec("manager", other.ProjectId)]);
        var page = await SignInForAsync(browser, product, ada.Email, ada.OrganizationId, "/whoami");
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Ada Lovelace in {ada.OrganizationId}");
        Assert.Equal(403, (await GetAsync(page, product, $"/projects/{other.ProjectId}/documents")).Status);

        // Gatehouse's session is still there: no sign-in page, straight back with a session for the other organization.
        await SwitchAsync(page, product, other.OrganizationId, "/whoami");
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Ada Lovelace in {other.OrganizationId}");
        Assert.Equal(200, (await GetAsync(page, product, $"/projects/{other.ProjectId}/documents")).Status);
        // An organization Ada is not a member of: Gatehouse refuses, the product says why, and her session stays as it was.
        var stranger = await product.Gatehouse.CreateOrganizationAsync("Not Ada's");
        await SwitchAsync(page, product, stranger, "/whoami");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("sign_in_refused");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("member");
        Assert.Equal($"Ada Lovelace in {other.OrganizationId}", await (await GetAsync(page, product, "/whoami")).TextAsync());
        // A return address elsewhere is not followed.
        await SwitchAsync(page, product, ada.OrganizationId, "//evil.example.com/");
        await page.WaitForNavigationToAsync(product.BaseUrl.ToString());
        // Without an id, Gatehouse's picker lets her choose.
        await SwitchAsync(page, product, null, "/whoami");
        await page.WaitForNavigationToAsync(url => url.StartsWith(product.Gatehouse.BaseUrl + "connect/organization", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SwitchFromAnotherSite_ByLinkOrByFormWithoutTheToken_DoesNotSwitch(string store)
    {
        var product = await products.GetAsync(store);
        var ada = await PersonAsync(product.Gatehouse);
        var other = await PersonAsync(product.Gatehouse);
        await product.Gatehouse.SeedMemberAsync(other.OrganizationId, ada.Email, [new Gatehouse.Core.Grants.GrantSpec("viewer", other.ProjectId)]);
        var page = await SignInForAsync(browser, product, ada.Email, ada.OrganizationId, "/whoami");
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Ada Lovelace in {ada.OrganizationId}");

        // A page of another origin (same site, so the browser sends the product's cookies with its form post too) aims a
        // link and a form at the switch.
        var target = new Uri(product.BaseUrl, "/gatehouse/switch-organization");
        var elsewhere = $"http://127.0.0.1:{MailServer.FreePort()}/prize";
        await page.Context.RouteAsync(elsewhere, route => route.FulfillAsync(new() { ContentType = "text/html", Body =
            $"<a href=\"{target}?organizationId={other.OrganizationId}&amp;returnUrl=/whoami\">Win a prize</a>"
            + $"<form method=\"post\" action=\"{target}\"><input type=\"hidden\" name=\"organizationId\" value=\"{other.OrganizationId}\">"
            + "<input type=\"hidden\" name=\"returnUrl\" value=\"/whoami\"><button type=\"submit\">Claim</button></form>" }));
        // Each attempt from a tab of its own (same cookies): the browser's error page for a refused navigation lands after its
        // response, and in a shared tab it could interrupt the next attempt's page.
        async Task<IResponse> FromElsewhereAsync(Func<IPage, Task> click)
        {
            var tab = await page.Context.NewPageAsync();
            await tab.GotoAsync(elsewhere);
            return await tab.RunAndWaitForResponseAsync(() => click(tab), r => r.Url.StartsWith(target.ToString(), StringComparison.Ordinal));
        }
        var byLink = await FromElsewhereAsync(tab => tab.GetByRole(AriaRole.Link, new() { Name = "Win a prize" }).ClickAsync());
        Assert.Equal(405, byLink.Status);
        var byForm = await FromElsewhereAsync(tab => tab.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync());
        Assert.Equal(400, byForm.Status);
        Assert.Contains("antiforgery_failed", await byForm.TextAsync(), StringComparison.Ordinal);
        // The same post with every cookie of the product but no token, as any client may send it.
        var bare = await page.APIRequest.PostAsync(target.ToString(), new() { MaxRedirects = 0,
            Form = page.Context.APIRequest.CreateFormData().Set("organizationId", other.OrganizationId.ToString()).Set("returnUrl", "/whoami") });
        Assert.Equal(400, bare.Status);

        Assert.Equal($"Ada Lovelace in {ada.OrganizationId}", await (await GetAsync(page, product, "/whoami")).TextAsync());
    }
}
