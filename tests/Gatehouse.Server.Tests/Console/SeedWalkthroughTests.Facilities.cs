using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 003 (facilities) walked through the console.</summary>
public sealed partial class SeedWalkthroughTests
{
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
        await Link(page, "Groups").ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Groups · Gatehouse");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Permission groups", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Link(page, "Permission groups")).ToHaveCountAsync(0);
        await Link(page, "Create Group").ClickAsync();
        await page.GetByLabel("Permission group name").FillAsync("Store Manager");
        foreach (var cell in new[] { "Work Orders: Create", "Work Orders: View Own", "Facilities: View" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = cell, Exact = true }).CheckAsync();
        }
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-roles-matrix", phoneScrollTo: "table.matrix");
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
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-invite");
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
        await AtPhoneWidthAsync(app, org, admin.Email, "Pat Plumber");
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

        // Delete: remove the user, confirmed first; the sentence says the account itself is kept.
        await page.GotoAsync($"/orgs/{org}/members");
        await Link(page, "Sam South").ClickAsync();
        await Assertions.Expect(page.Locator("summary", new() { HasText = "Remove from the organization" })).ToHaveCountAsync(0);
        await page.Locator("summary", new() { HasText = "Delete…" }).ClickAsync();
        await Assertions.Expect(page.Locator("details.confirm[open] .confirm-box p")).ToContainTextAsync("Sam South loses all access to this organization. Their user account is not deleted");
        await Button(page, "Delete Sam South").ClickAsync();
        await page.WaitForNavigationToAsync($"**/orgs/{org}/members?done=removed");
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
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-audit");
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
        await PhoneWidth.AtBothWidthsAsync(operatorPage, "platform-organizations");
    }
}
