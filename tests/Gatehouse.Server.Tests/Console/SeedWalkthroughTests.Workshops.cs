using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// Each seed's help page walked in real Chromium as a person would, only through the console's pages (set-up of the
/// organization, its scopes and the colleagues already there excepted). Seeds 000 and 001 (workshops) here.
/// </summary>
public sealed partial class SeedWalkthroughTests(ServerPool servers, Browser browser)
{
    private static ILocator MemberRows(IPage page) => page.Locator("table.members tbody tr");

    private static ILocator MemberRow(IPage page, string name) => MemberRows(page).Filter(new() { HasText = name });

    private static async Task ChooseAsync(IPage page, string label, string option) =>
        await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    private static async Task ApplyFiltersAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

    private static ILocator SaveButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    /// <summary>A moment as the console shows it.</summary>
    private static string ShownAt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>From the home page, the organization's link: the user management list.</summary>
    private static async Task OpenUsersFromHomeAsync(IPage page, string organizationName)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = organizationName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
    }

    private static Task<List<(string Role, Guid? Scope)>> GrantsInDatabaseAsync(GatehouseApp app, Guid memberId) =>
        app.InDatabaseAsync(async db => (await db.Grants.Where(g => g.MemberId == memberId).Select(g => new { g.RoleKey, g.ScopeId }).ToListAsync())
            .Select(g => (g.RoleKey, g.ScopeId)).OrderBy(g => g.RoleKey, StringComparer.Ordinal).ThenBy(g => g.ScopeId).ToList());

    private static async Task<bool> AllowedAsync(GatehouseApp app, Guid org, Guid userId, string permission, Guid scopeId) =>
        (await (await app.Operator.GetAsync($"/api/v1/organizations/{org}/check?userId={userId}&permission={permission}&scopeId={scopeId}"))
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean();

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed000_WorkshopManager_InvitesRevokesAndRemoves_BasicUserSeesControlsDisabled(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var orgName = "Market DK " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(orgName);
        var aarhus = await app.CreateScopeAsync(org, "Aarhus");
        var odense = await app.CreateScopeAsync(org, "Odense");
        var aalborg = await app.CreateScopeAsync(org, "Aalborg");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [new GrantSpec("basic", aarhus), new GrantSpec("basic", odense)], firstName: "Lena", lastName: "Berg");
        var omar = await app.SeedMemberAsync(org, MembersApi.Email("omar"), [new GrantSpec("basic", aarhus)], firstName: "Omar", lastName: "Haddad");
        var carlEmail = MembersApi.Email("carl");
        var carl = await app.SeedMemberAsync(org, carlEmail, [new GrantSpec("basic", aalborg)], firstName: "Carl", lastName: "Aalborg");
        await app.SeedMemberAsync(org, MembersApi.Email("ida"), [new GrantSpec("basic", null)], firstName: "Ida", lastName: "Importer");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", aarhus), new GrantSpec("manager", odense)], firstName: "Mia", lastName: "Manager");
        var page = manager.Page;

        // User Management from the home page: who has access to the manager's workshops.
        await OpenUsersFromHomeAsync(page, orgName);
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToContainTextAsync("Basic rights in Aarhus, Basic rights in Odense");
        await Assertions.Expect(MemberRow(page, "Omar Haddad")).ToBeVisibleAsync();
        await Assertions.Expect(MemberRow(page, "Ida Importer").Locator(".badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(MemberRows(page)).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByText("Carl Aalborg")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "workshops-members");

        // Keyboard: Tab reaches "Invite user", and the focus is visible there.
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.tagName === 'A' && document.activeElement.textContent.trim() === 'Invite user'");
        }
        Assert.True(reached, "Tab never reached the Invite user link.");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // Filter by workshop.
        await ChooseAsync(page, "Workshop", "Odense");
        await ApplyFiltersAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"scope={odense}"));
        await Assertions.Expect(MemberRows(page)).ToHaveCountAsync(3);
        await Assertions.Expect(MemberRow(page, "Omar Haddad")).ToHaveCountAsync(0);
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToBeVisibleAsync();

        // Invite a colleague to Aarhus and Odense with Basic rights.
        var colleague = InvitationSupport.NewEmail("colleague");
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invite user" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Aalborg")).ToHaveCountAsync(0);
        await page.GetByLabel("Email addresses").FillAsync(colleague);
        await page.GetByLabel("Basic rights").CheckAsync();
        await page.GetByLabel("Aarhus").CheckAsync();
        await page.GetByLabel("Odense").CheckAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "workshops-invite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        // Pending invitations: who, access, who sent it, when, until when.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending invitations" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {colleague}.");
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org && i.Email == colleague));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague });
        await Assertions.Expect(row).ToContainTextAsync("Basic rights in workshop Aarhus");
        await Assertions.Expect(row).ToContainTextAsync("Basic rights in workshop Odense");
        await Assertions.Expect(row.Locator("td[data-label='Sent by']")).ToHaveTextAsync("Mia Manager");
        await Assertions.Expect(row.Locator("td[data-label=Sent]")).ToHaveTextAsync(ShownAt(invitation.SentAt));
        await Assertions.Expect(row.Locator("td[data-label=Expires]")).ToHaveTextAsync(ShownAt(invitation.ExpiresAt));
        Assert.Equal(invitation.SentAt.AddDays(7), invitation.ExpiresAt);

        // Revoke through the three-dot menu, confirmed.
        await page.GetByLabel($"Actions for {colleague}").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Regenerate invite for {colleague}" })).ToBeVisibleAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "workshops-invitations");
        await page.GetByText("Revoke…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke invitation for {colleague}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation for {colleague} revoked");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague })).ToHaveCountAsync(0);
        Assert.Equal(InvitationStatus.Revoked, await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.Status).SingleAsync()));

        // Remove Lena from Aarhus: open her row, take the check mark away, Save.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Organisation sections" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lena Berg" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena Berg" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Access to Aarhus")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Access to Odense")).ToBeCheckedAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "workshops-member", "#access-heading");
        await page.GetByLabel("Access to Aarhus").UncheckAsync();
        await SaveButton(page).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.success")).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByLabel("Access to Aarhus")).Not.ToBeCheckedAsync();
        Assert.Equal([("basic", (Guid?)odense)], await GrantsInDatabaseAsync(app, lena.MemberId));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberAccessChanged)));

        // The audit log, for a manager of two workshops: the events about those workshops, none about the whole organisation.
        await page.GotoAsync($"/orgs/{org}/audit");
        var events = page.Locator("table.audit tbody tr");
        await Assertions.Expect(events.Filter(new() { HasText = "Invitation sent" })).ToContainTextAsync(colleague);
        await Assertions.Expect(events.Filter(new() { HasText = "Organisation created" })).ToHaveCountAsync(0);
        await PhoneWidth.AtBothWidthsAsync(page, "workshops-audit-manager", phoneScrollTo: "table.audit");

        // The same list at phone width: rows stack, nothing runs off the side.
        await using (var phone = await browser.NewContextAsync(app.BaseUrl, new ViewportSize { Width = 390, Height = 844 }))
        {
            var small = await phone.NewPageAsync();
            await AccountBrowsing.SignInAsync(small, manager.Email, AccountBrowsing.Password);
            await small.GotoAsync($"/orgs/{org}/members");
            await Assertions.Expect(MemberRow(small, "Omar Haddad")).ToBeVisibleAsync();
            Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The user list is wider than a phone.");
            await ExpectListOnFirstScreenAsync(small);
            await Screenshots.TakeAsync(small, "workshops-members-phone");
        }

        // A basic user of Aarhus: the same list, Invite user disabled with the reason.
        var basic = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("basic", aarhus)], firstName: "Bo", lastName: "Basic");
        var basicPage = basic.Page;
        await OpenUsersFromHomeAsync(basicPage, orgName);
        await Assertions.Expect(MemberRow(basicPage, "Omar Haddad")).ToContainTextAsync("Basic rights in Aarhus");
        await Assertions.Expect(MemberRow(basicPage, "Mia Manager")).ToContainTextAsync("Manager rights in Aarhus");
        await Assertions.Expect(basicPage.GetByText("Lena Berg")).ToHaveCountAsync(0);
        // "See who has access to your workshop": organisational users whose access covers Aarhus, with their [ORG] indicator.
        await Assertions.Expect(MemberRow(basicPage, "Ida Importer").Locator(".badge.org")).ToHaveTextAsync("ORG");
        await Assertions.Expect(MemberRow(basicPage, "Ida Importer")).ToContainTextAsync("Basic rights in all workshops");
        var invite = basicPage.GetByRole(AriaRole.Button, new() { Name = "Invite user" });
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the 'Invite users' permission in workshop Aarhus; ask someone with the role 'Manager rights' there"));
        await Assertions.Expect(basicPage.GetByRole(AriaRole.Link, new() { Name = "Invite user" })).ToHaveCountAsync(0);
        await PhoneWidth.AtBothWidthsAsync(basicPage, "workshops-members-basic", "table.members tbody tr:has-text('Ida Importer')");

        // A colleague's page: every control disabled, each saying why.
        await basicPage.GetByRole(AriaRole.Link, new() { Name = "Omar Haddad" }).ClickAsync();
        await Assertions.Expect(basicPage.GetByRole(AriaRole.Heading, new() { Name = "Omar Haddad" })).ToBeVisibleAsync();
        foreach (var label in new[] { "Access to Aarhus", "Role in Aarhus", "Organisational user", "Role for all workshops", "Full access" })
        {
            await Assertions.Expect(basicPage.GetByLabel(label)).ToBeDisabledAsync();
        }
        await Assertions.Expect(SaveButton(basicPage)).ToBeDisabledAsync();
        foreach (var action in new[] { "Deactivate…", "Remove from Aarhus…", "Make owner…", "Remove from the organisation…" })
        {
            await Assertions.Expect(basicPage.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToBeDisabledAsync();
        }
        await Assertions.Expect(basicPage.GetByLabel("Access to Aarhus"))
            .ToHaveAccessibleDescriptionAsync(new Regex("You need the 'Change access rights' permission in workshop Aarhus; ask someone with the role 'Manager rights' there"));
        await Assertions.Expect(basicPage.Locator(".member-actions .why").First).ToContainTextAsync("'Deactivate users'");
        await Assertions.Expect(basicPage.GetByText("You cannot change any of Omar Haddad's access")).ToBeVisibleAsync();

        // A member outside the basic user's workshops: not found, nothing of them shown.
        var outside = await basicPage.GotoAsync($"/orgs/{org}/members/{carl.MemberId}");
        Assert.Equal((int)HttpStatusCode.NotFound, outside!.Status);
        await Assertions.Expect(basicPage.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(basicPage.GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no member {carl.MemberId} in this organization that you can see.");
        var outsideText = await basicPage.ContentAsync();
        Assert.DoesNotContain("Carl", outsideText, StringComparison.Ordinal);
        Assert.DoesNotContain(carlEmail, outsideText, StringComparison.Ordinal);

        // Another organization's pages: not found, none of its names.
        var otherName = "Market SE " + Guid.NewGuid().ToString("N")[..6];
        var other = await app.CreateOrganizationAsync(otherName);
        var malmo = await app.CreateScopeAsync(other, "Malmö");
        var sven = await app.SeedMemberAsync(other, MembersApi.Email("sven"), [new GrantSpec("manager", malmo)], firstName: "Sven", lastName: "Secret");
        var invitedThere = InvitationSupport.NewEmail("secret");
        await sven.Client.InviteAsync(other, [invitedThere], [new GrantSpec("basic", malmo)]);
        foreach (var path in new[] { "members", $"members/{sven.MemberId}", "invite", "invitations" })
        {
            var answer = await basicPage.GotoAsync($"/orgs/{other}/{path}");
            Assert.Equal((int)HttpStatusCode.NotFound, answer!.Status);
            await Assertions.Expect(basicPage.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(basicPage.GetByRole(AriaRole.Alert)).ToContainTextAsync(other.ToString());
            var text = await basicPage.ContentAsync();
            foreach (var secret in new[] { otherName, "Malmö", "Sven", invitedThere })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
