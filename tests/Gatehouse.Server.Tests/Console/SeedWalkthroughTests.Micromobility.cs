using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 002 (micromobility) walked through the console.</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed002_AccountAdmin_InvitesAndSetsCustomRole_ReadOnlySeesNotifications(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var name = "Scoot Fleet " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(name, seatLimit: 20);
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true, firstName: "Otto", lastName: "Owner");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("read_only")], firstName: "Lena", lastName: "Berg");
        var otherName = "Other Fleet " + Guid.NewGuid().ToString("N")[..6];
        var otherAccount = await app.CreateOrganizationAsync(otherName);
        var otherMember = await app.SeedMemberAsync(otherAccount, MembersApi.Email("other"), [At("admin")], firstName: "Oscar", lastName: "Elsewhere");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("admin")], firstName: "Adam", lastName: "Admin");
        var page = admin.Page;
        var reader = InvitationSupport.NewEmail("reader");
        var custom = InvitationSupport.NewEmail("custom");

        // My Account > User access: the account's users, in the help centre's words (tab, title and heading).
        await Link(page, name).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "User access", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Link(page, "User access")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page).ToHaveTitleAsync("User access · Gatehouse");
        await Assertions.Expect(Link(page, "Users")).ToHaveCountAsync(0);
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToContainTextAsync("Read-only");
        await Screenshots.TakeAsync(page, "micromobility-members");

        // Add User: an email and a role, Read-only; "Add" sends the invitation.
        await Link(page, "Add User").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add User", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Email addresses").FillAsync(reader);
        await page.GetByLabel("Read-only", new() { Exact = true }).CheckAsync();
        await Button(page, "Add").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {reader}.");

        // Another with Custom: view-only or edit access per category.
        await Link(page, "User access").ClickAsync();
        await Link(page, "Add User").ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync(custom);
        await page.GetByLabel("Custom", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assets Management: View").CheckAsync();
        await page.GetByLabel("Claims Management: Edit").CheckAsync();
        await Button(page, "Add").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {custom}.");

        // Both are pending.
        await Assertions.Expect(Row(page, reader)).ToContainTextAsync("Read-only");
        await Assertions.Expect(Row(page, reader)).ToContainTextAsync("Pending");
        await Assertions.Expect(Row(page, custom)).ToContainTextAsync("Custom");
        await Assertions.Expect(Row(page, custom)).ToContainTextAsync("Pending");
        var invitations = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().Where(i => i.OrganizationId == org).ToListAsync());
        Assert.Equal(2, invitations.Count);
        Assert.Equal(new[] { At("read_only") }, invitations.Single(i => i.Email == reader).Grants);
        var customKey = Assert.Single(invitations.Single(i => i.Email == custom).Grants).RoleKey;
        var offered = await app.InDatabaseAsync(db => db.Roles.AsNoTracking().SingleAsync(r => r.OrganizationId == org && r.Key == customKey));
        Assert.Equal(["assets.view", "claims.edit", "claims.view"], offered.Permissions.Order(StringComparer.Ordinal));

        // An existing user: the Role dropdown to Custom, Edit, per-category access, Save.
        await Link(page, "User access").ClickAsync();
        await Link(page, "Lena Berg").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("read_only");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Custom" });
        await page.Locator("summary", new() { HasText = "Edit the Custom role" }).ClickAsync();
        foreach (var category in new[] { "Account Management", "Billing/Finance Management", "Insurance Management" })
        {
            await Level(page, category, "No access").CheckAsync();
        }
        await Level(page, "Assets Management", "Edit").CheckAsync();
        await Level(page, "Claims Management", "View").CheckAsync();
        await Level(page, "Workforce / Drivers Management", "View").CheckAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "micromobility-member-custom", "details.custom-role");
        await Button(page, "Save").ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("inline");
        await Assertions.Expect(Level(page, "Assets Management", "Edit")).ToBeCheckedAsync();
        await Assertions.Expect(Level(page, "Account Management", "No access")).ToBeCheckedAsync();
        var saved = await admin.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal("Custom", Assert.Single(saved.GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());
        Assert.Equal(["assets.edit", "assets.view", "claims.view", "workforce.view"], (await admin.Member.Client.EffectiveAsync(org, lena.MemberId)).Order(StringComparer.Ordinal));

        // The list's role filter offers Custom and finds her; an account has no places inside it, so no ORG badge.
        await Link(page, "User access").ClickAsync();
        await page.GetByLabel("Access rights", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Custom" });
        await Button(page, "Apply filters").ClickAsync();
        await Assertions.Expect(page.Locator("table.members tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToContainTextAsync("Custom");
        await Assertions.Expect(page.Locator("span.badge.org")).ToHaveCountAsync(0);
        // Nor a column of places, nor the organization-wide or per-place type to filter by.
        await Assertions.Expect(page.Locator("table.members thead th")).ToHaveTextAsync(["Name and email", "Phone", "Access rights", "Status", "Full access", "Email verified", "Owner", "Latest login"]);
        await Assertions.Expect(page.GetByLabel("Type", new() { Exact = true })).ToHaveCountAsync(0);
        var customHolders = await admin.Member.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/organizations/{org}/members?role=inline");
        Assert.Equal([lena.MemberId], customHolders.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("memberId").GetGuid()));

        // The same list and Lena's page at phone width.
        await AtPhoneWidthAsync(app, org, admin.Email, "Lena Berg");

        // A Read-only user sees the same pages; what they may not use is disabled with a message saying why.
        var readOnly = await browser.SignedInMemberAsync(app, org, contexts, [At("read_only")], firstName: "Rita", lastName: "Reader");
        var their = readOnly.Page;
        await their.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(their, "Lena Berg")).ToContainTextAsync("Custom");
        var invite = Button(their, "Add User");
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the 'Invite team members' permission"));
        await Assertions.Expect(their.Locator("p.why#invite-why")).ToBeVisibleAsync();

        await their.GotoAsync($"/orgs/{org}/invite");
        await Assertions.Expect(their.GetByLabel("Email addresses")).ToBeDisabledAsync();
        await Assertions.Expect(Button(their, "Add")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator("#invite-why")).ToContainTextAsync("You need the 'Invite team members' permission");

        await their.GotoAsync($"/orgs/{org}/members/{lena.MemberId}");
        await Assertions.Expect(their.GetByRole(AriaRole.Heading, new() { Name = "Lena Berg" })).ToBeVisibleAsync();
        await Assertions.Expect(their.GetByLabel("Role", new() { Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(Level(their, "Claims Management", "View")).ToBeDisabledAsync();
        await Assertions.Expect(Button(their, "Save")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator("#role-why")).ToContainTextAsync("You need the 'Change team member roles' permission");
        await Assertions.Expect(Button(their, "Deactivate…")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator("#why-deactivate")).ToContainTextAsync("'Deactivate team members'");
        await Assertions.Expect(Button(their, "Remove from the account…")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator("details.confirm")).ToHaveCountAsync(0);
        Assert.Equal("Custom", Assert.Single((await admin.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());

        // Another account's addresses: not found, and nothing of it shown.
        await ExpectNotFoundAsync(their, $"/orgs/{otherAccount}/members", otherName, "Oscar");
        await ExpectNotFoundAsync(their, $"/orgs/{otherAccount}/members/{otherMember.MemberId}", otherName, "Oscar", "Elsewhere");
        await ExpectNotFoundAsync(their, $"/orgs/{otherAccount}/invite", otherName);
    }
}
