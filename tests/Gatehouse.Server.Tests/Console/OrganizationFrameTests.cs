using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The frame of every organization page: the switcher to the viewer's other organizations and the seats.</summary>
public sealed class OrganizationFrameTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PersonInTwoOrganizations_SwitchesBetweenThem_AndSeesEachOnesSeats(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var full = await app.CreateOrganizationAsync("Full " + suffix, seatLimit: 3);
        var roomy = await app.CreateOrganizationAsync("Roomy " + suffix, seatLimit: 20);
        await app.CreateOrganizationAsync("Elsewhere " + suffix, seatLimit: 20); // not theirs: never in the switcher
        await app.SeedMemberAsync(full, $"c{Guid.NewGuid():N}@example.com", [new GrantSpec("basic", null)]);
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, full, contexts, [new GrantSpec("manager", null)]);
        await app.SeedMemberAsync(roomy, viewer.Email, [new GrantSpec("basic", null)]);
        var page = viewer.Page;

        await page.GotoAsync($"/orgs/{full}/invitations");
        var seats = page.GetByLabel("Seats");
        await Assertions.Expect(seats).ToContainTextAsync("2 of 3 seats used");
        await Assertions.Expect(seats).ToContainTextAsync("Only 1 seat left.");

        await page.GetByText("Switch organisation").ClickAsync();
        var switcher = page.Locator("details.switcher");
        await Assertions.Expect(switcher.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Assertions.Expect(switcher).Not.ToContainTextAsync("Elsewhere " + suffix);
        await switcher.GetByRole(AriaRole.Link, new() { Name = "Roomy " + suffix }).ClickAsync();

        // The same section of the other organization, with its own seats and no warning.
        await page.WaitForNavigationToAsync($"**/orgs/{roomy}/invitations");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Roomy " + suffix })).ToBeVisibleAsync();
        await Assertions.Expect(seats).ToContainTextAsync("1 of 20 seats used");
        await Assertions.Expect(page.Locator(".seat-warning")).ToHaveCountAsync(0);
    }
}
