using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Sdk.Sample.SampleSites;

namespace Gatehouse.Server.Tests.Sdk.Sample;

/// <summary>
/// The sample product samples/ConnectedWorkshop end to end in Chromium, beside a Gatehouse on the workshops preset: sign-in
/// through Gatehouse's pages, the organization picker and a switch, the workshops listed, a refused action's notification,
/// sign-out, and a deactivated person signed out at their next request.
/// </summary>
public sealed class ConnectedWorkshopTests(SampleSites sites, Browser browser) : IClassFixture<SampleSites>
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PersonInTwoOrganisations_PicksOne_SeesExactlyTheirWorkshops_AndSwitchesToTheOther(string store)
    {
        var site = await sites.GetAsync(store);
        var north = await site.Gatehouse.CreateOrganizationAsync("North " + Guid.NewGuid().ToString("N")[..6]);
        var (aarhus, odense, vejle) = (await site.Gatehouse.CreateScopeAsync(north, "Aarhus"), await site.Gatehouse.CreateScopeAsync(north, "Odense"), await site.Gatehouse.CreateScopeAsync(north, "Vejle"));
        var south = await site.Gatehouse.CreateOrganizationAsync("South " + Guid.NewGuid().ToString("N")[..6]);
        await site.Gatehouse.CreateScopeAsync(south, "Kolding");
        await site.Gatehouse.CreateScopeAsync(south, "Esbjerg");
        var email = $"ada{Guid.NewGuid():N}@example.com";
        // Basic rights at two of North's three workshops; manager rights on South as a whole.
        await PersonAsync(site.Gatehouse, north, email, new GrantSpec("basic", aarhus), new GrantSpec("basic", vejle));
        await PersonAsync(site.Gatehouse, south, email, new GrantSpec("manager", null));

        var page = await SignInAsync(browser, site, email);
        Assert.StartsWith(site.Gatehouse.BaseUrl + "connect/organization", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^North ") }).ClickAsync();
        await Assertions.Expect(page.Locator("#person")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(page.Locator("#organisation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^North "));
        await Assertions.Expect(page.Locator("#manage-users")).ToHaveCountAsync(0);   // basic rights cannot invite users
        await page.GetByRole(AriaRole.Link, new() { Name = "Your workshops" }).ClickAsync();
        await Assertions.Expect(page.Locator("#workshops li")).ToHaveTextAsync(["Aarhus", "Vejle"]);
        Assert.Equal(403, (await GetAsync(page, site, $"/workshops/{odense}")).Status);

        // Switching: Gatehouse's picker again (no password: its session is kept), then the other organisation's session.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch organisation" }).ClickAsync();
        await page.WaitForNavigationToAsync(url => url.StartsWith(site.Gatehouse.BaseUrl + "connect/organization", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^South ") }).ClickAsync();
        await Assertions.Expect(page.Locator("#organisation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^South "));
        await Assertions.Expect(page.Locator("#manage-users")).ToHaveAttributeAsync("href", site.Gatehouse.BaseUrl + $"orgs/{south}/members");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your workshops" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("You may use every workshop of the organisation.");
        await Assertions.Expect(page.Locator("#workshops li")).ToHaveTextAsync(["Esbjerg", "Kolding"]);
        Assert.Equal(403, (await GetAsync(page, site, $"/workshops/{aarhus}")).Status);   // North's workshop, not this session's

        // The managers' link opens Gatehouse's user list of South, where she is signed in already.
        await page.GotoAsync(site.BaseUrl.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage users in Gatehouse" }).ClickAsync();
        await page.WaitForNavigationToAsync(site.Gatehouse.BaseUrl + $"orgs/{south}/members");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ada Lovelace");
        await page.Context.CloseAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryButtonShows_ARefusedActionNamesTheMissingRight_AnAllowedOneWorks_AndSignOutEndsTheSession(string store)
    {
        var site = await sites.GetAsync(store);
        var organization = await site.Gatehouse.CreateOrganizationAsync("Workshops " + Guid.NewGuid().ToString("N")[..6]);
        var aarhus = await site.Gatehouse.CreateScopeAsync(organization, "Aarhus");
        var email = $"ada{Guid.NewGuid():N}@example.com";
        await PersonAsync(site.Gatehouse, organization, email, new GrantSpec("basic", aarhus));
        var page = await SignInAsync(browser, site, email);
        await Assertions.Expect(page.Locator("#person")).ToHaveTextAsync("Ada Lovelace");

        await page.GotoAsync(new Uri(site.BaseUrl, $"/workshops/{aarhus}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Aarhus");
        await Assertions.Expect(page.Locator(".actions button")).ToHaveTextAsync(
            ["Run vehicle diagnostics", "Create booking", "Edit booking", "Edit customer", "Use workshop tools"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit booking" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.refused")).ToHaveTextAsync(
            "You don't have permission to use this feature: you need 'Edit bookings' (bookings.edit) here. Ask your account owner or admin.");
        await Gatehouse.Server.Tests.Console.Screenshots.TakeWithPhoneAsync(page, "sample-workshop-refused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create booking" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.done")).ToHaveTextAsync("Booking created.");
        await Assertions.Expect(page.Locator(".notice.refused")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForNavigationToAsync(new Uri(site.BaseUrl, "/signed-out").ToString());
        var home = await GetAsync(page, site, "/");
        Assert.Equal(302, home.Status);
        // Gatehouse's session ended too: signing in again asks for the password.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        await page.WaitForNavigationToAsync(url => url.StartsWith(site.Gatehouse.BaseUrl + "account/sign-in", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PersonDeactivatedInGatehouse_IsSignedOutOfTheSampleAtTheirNextRequest(string store)
    {
        var site = await sites.GetAsync(store);
        var organization = await site.Gatehouse.CreateOrganizationAsync("Workshops " + Guid.NewGuid().ToString("N")[..6]);
        var aarhus = await site.Gatehouse.CreateScopeAsync(organization, "Aarhus");
        var email = $"ada{Guid.NewGuid():N}@example.com";
        var ada = await PersonAsync(site.Gatehouse, organization, email, new GrantSpec("basic", aarhus));
        var page = await SignInAsync(browser, site, email);
        await Assertions.Expect(page.Locator("#person")).ToHaveTextAsync("Ada Lovelace");
        Assert.Equal(200, (await GetAsync(page, site, "/workshops")).Status);

        (await site.Gatehouse.Operator.PostAsync($"/api/v1/organizations/{organization}/members/{ada.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        var next = await GetAsync(page, site, "/workshops");
        Assert.Equal(302, next.Status);
        Assert.StartsWith(site.Gatehouse.BaseUrl + "connect/authorize", next.Headers["location"], StringComparison.Ordinal);
        // In the browser she lands on Gatehouse's sign-in page: its session no longer stands either, and the sample shows nothing.
        await page.GotoAsync(new Uri(site.BaseUrl, "/").ToString());
        await page.WaitForNavigationToAsync(url => url.StartsWith(site.Gatehouse.BaseUrl + "account/sign-in", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#person")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignInReturnAddress_ComesFromThePublicUrl_NotTheRequestsHost(string store)
    {
        var site = await sites.GetAsync(store);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/workshops");
        request.Headers.Host = "evil.example.com";
        using var answer = await http.SendAsync(request);
        // The pushed authorization request carried the registered return address: with one built from the Host header
        // Gatehouse would refuse it (not registered) and the sample could not send the person to sign in.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(site.Gatehouse.BaseUrl + "connect/authorize", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
