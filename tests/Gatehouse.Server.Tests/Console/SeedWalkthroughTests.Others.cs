using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// Seeds 002 (micromobility), 003 (facilities) and 004 (workspaces) walked through the console in real Chromium, page by
/// page as their help pages describe, each checked through the page and through the API or the database.
/// </summary>
public sealed partial class SeedWalkthroughTests
{
    private static ILocator Row(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    private static ILocator Success(IPage page) => page.Locator(".notice.success");

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Level(IPage page, string category, string level) =>
        page.GetByRole(AriaRole.Group, new() { Name = category, Exact = true }).GetByLabel(level, new() { Exact = true });

    private static async Task ConfirmAsync(IPage page, string summary, string button)
    {
        await page.Locator("summary", new() { HasText = summary }).ClickAsync();
        await Button(page, button).ClickAsync();
    }

    private static async Task<int> SeatsUsedAsync(IPage page) =>
        int.Parse(await page.GetByLabel("Seats").Locator("strong").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Someone who is not allowed there opens <paramref name="path"/>: the not-found notice, and none of <paramref name="secrets"/>.</summary>
    private static async Task ExpectNotFoundAsync(IPage page, string path, params string[] secrets)
    {
        var answer = await page.GotoAsync(path);
        Assert.Equal((int)HttpStatusCode.NotFound, answer!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        var content = await page.ContentAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, content, StringComparison.Ordinal);
        }
    }

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

        // My Account > User access: the account's users.
        await Link(page, name).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(MemberRow(page, "Lena Berg")).ToContainTextAsync("Read-only");
        await Screenshots.TakeAsync(page, "micromobility-members");

        // Add User: an email and a role, Read-only.
        await Link(page, "Invite user").ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync(reader);
        await page.GetByLabel("Read-only", new() { Exact = true }).CheckAsync();
        await Button(page, "Invite user").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {reader}.");

        // Another with Custom: view-only or edit access per category.
        await Link(page, "Users").ClickAsync();
        await Link(page, "Invite user").ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync(custom);
        await page.GetByLabel("Custom", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assets Management: View").CheckAsync();
        await page.GetByLabel("Claims Management: Edit").CheckAsync();
        await Button(page, "Invite user").ClickAsync();
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
        await Link(page, "Users").ClickAsync();
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
        await page.Locator("summary", new() { HasText = "Edit the Custom role" }).ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "micromobility-member-custom");
        await Button(page, "Save").ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("inline");
        await Assertions.Expect(Level(page, "Assets Management", "Edit")).ToBeCheckedAsync();
        await Assertions.Expect(Level(page, "Account Management", "No access")).ToBeCheckedAsync();
        var saved = await admin.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal("Custom", Assert.Single(saved.GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());
        Assert.Equal(["assets.edit", "assets.view", "claims.view", "workforce.view"], (await admin.Member.Client.EffectiveAsync(org, lena.MemberId)).Order(StringComparer.Ordinal));

        // A Read-only user sees the same pages; what they may not use is disabled with a message saying why.
        var readOnly = await browser.SignedInMemberAsync(app, org, contexts, [At("read_only")], firstName: "Rita", lastName: "Reader");
        var their = readOnly.Page;
        await their.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(their, "Lena Berg")).ToContainTextAsync("Custom");
        var invite = Button(their, "Invite user");
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the 'Invite team members' permission"));
        await Assertions.Expect(their.Locator("p.why#invite-why")).ToBeVisibleAsync();

        await their.GotoAsync($"/orgs/{org}/invite");
        await Assertions.Expect(their.GetByLabel("Email addresses")).ToBeDisabledAsync();
        await Assertions.Expect(Button(their, "Invite user")).ToBeDisabledAsync();
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

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed003_FacilitiesAdmin_GroupsInviteDeactivateRegenerateDelete(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var name = "Facility Co " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(name, seatLimit: 10);
        var north = await app.CreateScopeAsync(org, "North Store");
        var south = await app.CreateScopeAsync(org, "South Store");
        var setUp = await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true, firstName: "Olga", lastName: "Owner");
        var technician = (await (await setUp.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/roles", new { name = "Technician", permissions = new[] { "work_orders.view", "facilities.view" } }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var tom = await app.SeedMemberAsync(org, MembersApi.Email("tom"), [At(technician, north)], firstName: "Tom", lastName: "Tech");
        var sam = await app.SeedMemberAsync(org, MembersApi.Email("sam"), [At(technician, south)], firstName: "Sam", lastName: "South");
        var sue = await app.SeedMemberAsync(org, MembersApi.Email("sue"), [At(technician, south)], firstName: "Sue", lastName: "Southern");
        var otherName = "Other Facilities " + Guid.NewGuid().ToString("N")[..6];
        var otherOrg = await app.CreateOrganizationAsync(otherName);
        var otherMember = await app.SeedMemberAsync(otherOrg, MembersApi.Email("other"), [At("administrator")], firstName: "Oscar", lastName: "Elsewhere");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("administrator")], firstName: "Ada", lastName: "Admin");
        var page = admin.Page;

        // Groups tab > Create Group: a name and permissions from the matrix.
        await page.GotoAsync($"/orgs/{org}/members");
        await Link(page, "Permission groups").ClickAsync();
        await Link(page, "Create permission group").ClickAsync();
        await page.GetByLabel("Permission group name").FillAsync("Store Manager");
        foreach (var cell in new[] { "Work Orders: Create", "Work Orders: View Own", "Facilities: View" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = cell, Exact = true }).CheckAsync();
        }
        await Screenshots.TakeAsync(page, "facilities-roles-matrix");
        await Button(page, "Save permission group").ClickAsync();
        await Assertions.Expect(page.GetByText("Store Manager is created.")).ToBeVisibleAsync();
        var groups = await (await admin.Member.Client.GetAsync($"/api/v1/organizations/{org}/roles")).ExpectAsync(HttpStatusCode.OK);
        var storeManager = groups.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Store Manager");
        Assert.Equal(["facilities.view", "work_orders.create", "work_orders.view_own"],
            storeManager.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
        var storeManagerKey = storeManager.GetProperty("key").GetString()!;

        // Invite User: first and last name, email, phone, groups, a facility.
        var pat = InvitationSupport.NewEmail("pat");
        await Link(page, "Users").ClickAsync();
        await Link(page, "Invite user").ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync(pat);
        await page.GetByLabel("First name").FillAsync("Pat");
        await page.GetByLabel("Last name").FillAsync("Plumber");
        await page.GetByLabel("Phone").FillAsync("+44 20 7946 0958");
        await page.GetByLabel("Store Manager", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("North Store", new() { Exact = true }).CheckAsync();
        await Screenshots.TakeAsync(page, "facilities-invite");
        await Button(page, "Invite user").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {pat}.");
        await Assertions.Expect(Row(page, pat)).ToContainTextAsync("Pat Plumber");
        await Assertions.Expect(Row(page, pat)).ToContainTextAsync("+44 20 7946 0958");
        await Assertions.Expect(Row(page, pat)).ToContainTextAsync("Store Manager in facility North Store");
        var invitationId = await app.InDatabaseAsync(db => db.Invitations.Where(i => i.OrganizationId == org && i.Email == pat).Select(i => i.Id).SingleAsync());

        // Regenerate Invite: the original (sent two days ago) gets a new link and a new expiry; the old link stops working.
        var twoDaysAgo = DateTimeOffset.UtcNow.AddDays(-2);
        await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Id == invitationId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, twoDaysAgo).SetProperty(i => i.ExpiresAt, twoDaysAgo.AddDays(7))));
        var oldToken = await app.TokenSentToAsync(pat);
        await page.ReloadAsync();
        await Assertions.Expect(Row(page, pat)).ToContainTextAsync(Shown(twoDaysAgo.AddDays(7)));
        await page.GetByLabel($"Actions for {pat}").ClickAsync();
        await Button(page, $"Regenerate invite for {pat}").ClickAsync();
        var regenerated = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId));
        Assert.True(regenerated.ExpiresAt > twoDaysAgo.AddDays(7).AddDays(1));
        Assert.Equal((1, InvitationStatus.Pending), (regenerated.ResendCount, regenerated.Status));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent again to {pat} with a new link; it now expires {Shown(regenerated.ExpiresAt)}.");
        await Assertions.Expect(Row(page, pat)).ToContainTextAsync(Shown(regenerated.ExpiresAt));
        Assert.False((await app.AcceptAsNewUserAsync(oldToken, "Pat", "Plumber")).IsSuccessStatusCode);
        (await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(pat, "invitation_resent"), "Pat", "Plumber")).EnsureSuccessStatusCode();

        // The user list: phone, permission groups, status, full access.
        await Link(page, "Users").ClickAsync();
        foreach (var header in new[] { "Name and email", "Phone", "Permission groups", "Facilities", "Status", "Full access" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true })).ToBeVisibleAsync();
        }
        var patRow = MemberRow(page, "Pat Plumber");
        await Assertions.Expect(patRow.Locator("td[data-label=Phone]")).ToHaveTextAsync("+44 20 7946 0958");
        await Assertions.Expect(patRow.Locator("td[data-label='Permission groups']")).ToHaveTextAsync("Store Manager");
        await Assertions.Expect(patRow.Locator("td[data-label=Facilities]")).ToHaveTextAsync("North Store");
        await Assertions.Expect(patRow.Locator("td[data-label=Status]")).ToHaveTextAsync("Active");
        await Assertions.Expect(patRow.Locator("td[data-label='Full access']")).ToHaveTextAsync("No");
        await Screenshots.TakeAsync(page, "facilities-members");
        var seats = await SeatsUsedAsync(page);
        Assert.Equal(6, seats); // Olga, Tom, Sam, Sue, Ada and Pat

        // Deactivate: the user can no longer sign in, and their seat is free; Activate restores it.
        await Link(page, "Tom Tech").ClickAsync();
        await ConfirmAsync(page, "Deactivate…", "Deactivate Tom Tech");
        await Assertions.Expect(Success(page)).ToContainTextAsync("Tom Tech is deactivated");
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync($"{seats - 1} of 10 seats used");
        await Link(page, "Users").ClickAsync();
        await Assertions.Expect(MemberRow(page, "Tom Tech").Locator("td[data-label=Status]")).ToHaveTextAsync("Deactivated");
        Assert.Equal("deactivated", (await admin.Member.Client.MemberAsync(org, tom.MemberId)).GetProperty("status").GetString());
        await Link(page, "Tom Tech").ClickAsync();
        await ConfirmAsync(page, "Reactivate…", "Reactivate Tom Tech");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Tom Tech is active again.");
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync($"{seats} of 10 seats used");
        Assert.Equal("active", (await admin.Member.Client.MemberAsync(org, tom.MemberId)).GetProperty("status").GetString());

        // Delete: remove the user, confirmed first.
        await page.GotoAsync($"/orgs/{org}/members");
        await Link(page, "Sam South").ClickAsync();
        await ConfirmAsync(page, "Remove from the organization…", "Remove Sam South from the organization");
        await page.WaitForURLAsync($"**/orgs/{org}/members?done=removed");
        await Assertions.Expect(Success(page)).ToContainTextAsync("The user is removed from this organization.");
        await Assertions.Expect(MemberRow(page, "Sam South")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync($"{seats - 1} of 10 seats used");
        Assert.False(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.Id == sam.MemberId)));

        // Audit Logs: each change is there.
        await Link(page, "Audit log").ClickAsync();
        var events = page.Locator("table.audit tbody tr");
        foreach (var action in new[] { "Role created", "Invitation sent", "Invitation sent again", "Invitation accepted", "User deactivated", "User reactivated", "User removed from the organization" })
        {
            await Assertions.Expect(events.Filter(new() { HasText = action }).First).ToBeVisibleAsync();
        }
        await Assertions.Expect(events.Filter(new() { HasText = "User deactivated" })).ToContainTextAsync("Tom Tech");
        await Screenshots.TakeAsync(page, "facilities-audit");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberRemoved)));

        // An administrator of North Store alone: a user of South Store is not found, nor listed.
        var northAdmin = await browser.SignedInMemberAsync(app, org, contexts, [At("administrator", north)], firstName: "Nina", lastName: "North");
        await northAdmin.Page.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(northAdmin.Page, "Tom Tech")).ToHaveCountAsync(1);
        await Assertions.Expect(MemberRow(northAdmin.Page, "Sue Southern")).ToHaveCountAsync(0);
        await ExpectNotFoundAsync(northAdmin.Page, $"/orgs/{org}/members/{sue.MemberId}", "Sue Southern", "Southern");
        await Assertions.Expect(northAdmin.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no member {sue.MemberId} in this organization that you can see.");

        // Another organization's addresses: not found.
        foreach (var path in new[] { "members", $"members/{otherMember.MemberId}", "invitations", "roles", "audit" })
        {
            await ExpectNotFoundAsync(page, $"/orgs/{otherOrg}/{path}", otherName, "Oscar", "Elsewhere");
        }
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == org && r.Key == storeManagerKey)));

        // Product support's organizations page.
        var operatorPage = await browser.SignedInOperatorAsync(app, contexts);
        await operatorPage.GotoAsync("/platform/organizations");
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Columnheader, new() { Name = "Seats", Exact = true })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(operatorPage, "platform-organizations");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_WorkspaceAndProjectAdmins(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var name = "Titanus " + Guid.NewGuid().ToString("N")[..6];
        var org = await app.CreateOrganizationAsync(name, seatLimit: 10);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        var zeus = await app.CreateScopeAsync(org, "Zeus");
        var eliEmail = MembersApi.Email("eli");
        var eli = await app.SeedMemberAsync(org, eliEmail, [At("viewer", zeus)], firstName: "Eli", lastName: "Existing");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("contributor", apollo)], firstName: "Lena", lastName: "Berg");
        var zed = await app.SeedMemberAsync(org, MembersApi.Email("zed"), [At("viewer", zeus)], firstName: "Zed", lastName: "Zeusman");
        var otherName = "Other Workspace " + Guid.NewGuid().ToString("N")[..6];
        var otherOrg = await app.CreateOrganizationAsync(otherName);
        var otherMember = await app.SeedMemberAsync(otherOrg, MembersApi.Email("other"), [At("workspace_admin")], firstName: "Oscar", lastName: "Elsewhere");
        await using var contexts = new Contexts();
        // The API shows a project admin the people with access in their projects, so the workspace admin who also runs
        // Apollo is on Apollo's list (one holding only the workspace-wide role is not listed to a project admin at all).
        var wanda = await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin"), At("project_admin", apollo)], firstName: "Wanda", lastName: "Admin");
        var page = wanda.Page;

        // Administration > Users > Add User: a project role user with first and last name, a project and a role.
        var nora = InvitationSupport.NewEmail("nora");
        await page.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(page, "Wanda Admin")).ToContainTextAsync("Workspace admin");
        await Screenshots.TakeAsync(page, "workspaces-members");
        await Link(page, "Invite user").ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync(nora);
        await page.GetByLabel("First name").FillAsync("Nora");
        await page.GetByLabel("Last name").FillAsync("Newcomer");
        await page.GetByLabel("Contributor", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Apollo", new() { Exact = true }).CheckAsync();
        await Button(page, "Invite user").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {nora}.");
        await Assertions.Expect(Row(page, nora)).ToContainTextAsync("Nora Newcomer");
        await Assertions.Expect(Row(page, nora)).ToContainTextAsync("Contributor in project Apollo");
        var invited = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org));
        Assert.Equal(("Nora", "Newcomer", nora), (invited.FirstName, invited.LastName, invited.Email));
        Assert.Equal(new[] { At("contributor", apollo) }, invited.Grants);

        // A project admin: Add User from the project adds someone already in the workspace; three answers.
        var pia = await browser.SignedInMemberAsync(app, org, contexts, [At("project_admin", apollo)], firstName: "Pia", lastName: "Project");
        var their = pia.Page;
        await their.GotoAsync($"/orgs/{org}/members");
        var invite = Button(their, "Invite user");
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the '.+' permission"));
        await Link(their, "Add existing user").ClickAsync();
        await Assertions.Expect(their.GetByLabel("Project")).ToHaveValueAsync(apollo.ToString());
        await Screenshots.TakeAsync(their, "workspaces-add-existing");
        await AddExistingAsync(their, wanda.Email, "Viewer");
        await Assertions.Expect(their.Locator("#add-email-answer")).ToContainTextAsync("Wanda Admin already has that access in project Apollo");
        await AddExistingAsync(their, InvitationSupport.NewEmail("unknown"), "Viewer");
        await Assertions.Expect(their.Locator("#add-email-answer")).ToContainTextAsync("someone who may invite people must invite them first");
        await AddExistingAsync(their, eliEmail, "Contributor");
        await Assertions.Expect(their.Locator("#add-email-answer")).ToContainTextAsync($"Eli Existing ({eliEmail}) was added to project Apollo as Contributor.");

        // From the project's users: change Eli's role in Apollo; Zeus, which is not Pia's, stays as it was.
        await Link(their, "Users").ClickAsync();
        await Link(their, "Eli Existing").ClickAsync();
        await Assertions.Expect(their.GetByLabel("Role in Apollo")).ToHaveValueAsync("contributor");
        await their.GetByLabel("Role in Apollo").SelectOptionAsync(new SelectOptionValue { Label = "Editor" });
        await Screenshots.TakeAsync(their, "workspaces-member");
        await Button(their, "Save").ClickAsync();
        await Assertions.Expect(Success(their)).ToHaveTextAsync("Eli Existing's access is saved.");
        Assert.Equal(new[] { ("editor", (Guid?)apollo), ("viewer", zeus) }.ToHashSet(), GrantsOf(await wanda.Member.Client.MemberAsync(org, eli.MemberId)).ToHashSet());

        // A workspace admin cannot be edited by a project admin: every control disabled, with the reason.
        await their.GotoAsync($"/orgs/{org}/members/{wanda.Member.MemberId}");
        await Assertions.Expect(their.GetByRole(AriaRole.Heading, new() { Name = "Wanda Admin" })).ToBeVisibleAsync();
        await Assertions.Expect(Button(their, "Save")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator(".targets .why").Filter(new() { HasText = "You cannot change Wanda Admin's access in project Apollo" })).ToBeVisibleAsync();
        await Assertions.Expect(Button(their, "Deactivate…")).ToBeDisabledAsync();
        await Assertions.Expect(their.Locator("#why-deactivate")).ToBeVisibleAsync();
        await Assertions.Expect(Button(their, "Remove from the workspace…")).ToBeDisabledAsync();
        await Assertions.Expect(their.GetByLabel("Role in Apollo")).ToBeDisabledAsync();
        Assert.Equal(new[] { ("workspace_admin", (Guid?)null), ("project_admin", apollo) }.ToHashSet(), GrantsOf(await wanda.Member.Client.MemberAsync(org, wanda.Member.MemberId)).ToHashSet());
        await (await pia.Member.Client.PostAsync(MembersApi.Path(org, $"/{wanda.Member.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");

        // The workspace admin deactivates a licence (seats used go down) and activates it again.
        await Link(page, "Users").ClickAsync();
        var seats = await SeatsUsedAsync(page);
        Assert.Equal(6, seats); // Eli, Lena, Zed, Wanda, Pia and Nora's pending invitation
        await Link(page, "Lena Berg").ClickAsync();
        await ConfirmAsync(page, "Deactivate…", "Deactivate Lena Berg");
        await Assertions.Expect(Success(page)).ToContainTextAsync("Lena Berg is deactivated");
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync($"{seats - 1} of 10 seats used");
        Assert.Equal("deactivated", (await wanda.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("status").GetString());
        await ConfirmAsync(page, "Reactivate…", "Reactivate Lena Berg");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg is active again.");
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync($"{seats} of 10 seats used");

        // The project admin and someone outside their projects, or another workspace: not found.
        await ExpectNotFoundAsync(their, $"/orgs/{org}/members/{zed.MemberId}", "Zed Zeusman");
        await Assertions.Expect(their.GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no member {zed.MemberId}");
        foreach (var path in new[] { "members", $"members/{otherMember.MemberId}", "members/add" })
        {
            await ExpectNotFoundAsync(their, $"/orgs/{otherOrg}/{path}", otherName, "Oscar", "Elsewhere");
        }
    }

    private static async Task AddExistingAsync(IPage page, string email, string role)
    {
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await Button(page, "Add user").ClickAsync();
    }
}
