using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 001 (workshops): an organisational user invited, and a workshop user changed into one.</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed001_OrganisationalUser_InvitedAndConverted(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var orgName = "Market Denmark " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(orgName);
        var copenhagen = await app.CreateScopeAsync(org, "Copenhagen");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [new GrantSpec("basic", copenhagen)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", null)], firstName: "Olga", lastName: "Organiser");
        var page = manager.Page;

        // Invite an organisational user with Basic rights.
        await OpenUsersFromHomeAsync(page, orgName);
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite user" }).ClickAsync();
        var noraEmail = InvitationSupport.NewEmail("nora");
        await page.GetByLabel("Email addresses").FillAsync(noraEmail);
        await page.GetByLabel("Basic rights").CheckAsync();
        await page.GetByLabel("Organisation-wide").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {noraEmail}.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = noraEmail });
        await Assertions.Expect(row.Locator("td[data-label=Access]")).ToContainTextAsync("Basic rights, organisation-wide");
        await Assertions.Expect(row.Locator("td[data-label=Access] .badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(row.Locator("td[data-label='Sent by']")).ToHaveTextAsync("Olga Organiser");
        await Assertions.Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync("Pending");

        // Nora follows the emailed link and joins.
        var link = await app.LinkSentToAsync(noraEmail);
        var joining = await browser.OpenAsync(app, link);
        await using (joining.Context)
        {
            await joining.JoinAsync("Nora", "Newcomer");
            await Assertions.Expect(joining.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Nora Newcomer" })).ToBeVisibleAsync();
        }

        // She is in the list as an organisational user, and the type filter finds her.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Organisation sections" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(MemberRow(page, "Nora Newcomer").Locator(".badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(MemberRow(page, "Nora Newcomer")).ToContainTextAsync("Basic rights in all workshops");
        await Assertions.Expect(MemberRow(page, "Lena Berg").Locator(".badge.org")).ToHaveCountAsync(0);
        await ChooseAsync(page, "Type", "Organisational user");
        await ApplyFiltersAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("type=organization"));
        await Assertions.Expect(MemberRow(page, "Nora Newcomer")).ToBeVisibleAsync();
        await Assertions.Expect(MemberRow(page, "Olga Organiser")).ToBeVisibleAsync();
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToHaveCountAsync(0);
        await Assertions.Expect(MemberRows(page)).ToHaveCountAsync(2);

        // Lena, a workshop user, becomes an organisational user with Manager rights.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lena Berg" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Access to Copenhagen")).ToBeCheckedAsync();
        // The seed's steps: click 'Organisational user', choose the rights below, confirm. The change of user type
        // replaces her workshop access, and the page says so before and after.
        await Assertions.Expect(page.Locator("#organization-wide-replaces")).ToContainTextAsync("replaces their access to individual workshops");
        await page.GetByLabel("Organisational user — all workshops, existing and future").CheckAsync();
        await page.GetByLabel("Role for all workshops").SelectOptionAsync(new SelectOptionValue { Label = "Manager rights" });
        await SaveButton(page).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success"))
            .ToHaveTextAsync("Lena Berg is now an organisational user: Manager rights in all workshops. Their access per workshop was replaced.");
        await Assertions.Expect(page.GetByLabel("Access to Copenhagen")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#member-name .badge.org")).ToHaveTextAsync("ORG");
        await PhoneWidth.AtBothWidthsAsync(page, "workshops-member-organisational", "#member-name");

        await page.GetByRole(AriaRole.Link, new() { Name = "All users" }).ClickAsync();
        await Assertions.Expect(MemberRow(page, "Lena Berg").Locator(".badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToContainTextAsync("Manager rights in all workshops");

        // Both organisational users reach a workshop created afterwards: grants on the organisation, none per workshop.
        var nora = await app.InDatabaseAsync(db => db.Members.Where(m => m.OrganizationId == org)
            .Join(db.Users.Where(u => u.Email == noraEmail), m => m.UserId, u => u.Id, (m, u) => new { MemberId = m.Id, UserId = u.Id }).SingleAsync());
        Assert.Equal([("basic", (Guid?)null)], await GrantsInDatabaseAsync(app, nora.MemberId));
        Assert.Equal([("manager", (Guid?)null)], await GrantsInDatabaseAsync(app, lena.MemberId));
        var roskilde = await app.CreateScopeAsync(org, "Roskilde");
        Assert.True(await AllowedAsync(app, org, nora.UserId, "vehicles.view", roskilde));
        Assert.False(await AllowedAsync(app, org, nora.UserId, "members.invite", roskilde));
        Assert.True(await AllowedAsync(app, org, lena.UserId, "members.invite", roskilde));
    }
}
