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
        var page = await SignInAsync(browser, product, ada.Email, $"/gatehouse/switch-organization?organizationId={ada.OrganizationId}&returnUrl=/whoami");
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Ada Lovelace in {ada.OrganizationId}");
        Assert.Equal(403, (await GetAsync(page, product, $"/projects/{other.ProjectId}/documents")).Status);

        // Gatehouse's session is still there: no sign-in page, straight back with a session for the other organization.
        await page.GotoAsync(new Uri(product.BaseUrl, $"/gatehouse/switch-organization?organizationId={other.OrganizationId}&returnUrl=/whoami").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync($"Ada Lovelace in {other.OrganizationId}");
        Assert.Equal(200, (await GetAsync(page, product, $"/projects/{other.ProjectId}/documents")).Status);
        // An organization Ada is not a member of: Gatehouse refuses, the product says why, and her session stays as it was.
        var stranger = await product.Gatehouse.CreateOrganizationAsync("Not Ada's");
        await page.GotoAsync(new Uri(product.BaseUrl, $"/gatehouse/switch-organization?organizationId={stranger}&returnUrl=/whoami").ToString());
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("sign_in_refused");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("member");
        Assert.Equal($"Ada Lovelace in {other.OrganizationId}", await (await GetAsync(page, product, "/whoami")).TextAsync());
        // A return address elsewhere is not followed.
        await page.GotoAsync(new Uri(product.BaseUrl, $"/gatehouse/switch-organization?organizationId={ada.OrganizationId}&returnUrl=//evil.example.com/").ToString());
        Assert.Equal(product.BaseUrl.ToString(), page.Url);
    }
}
