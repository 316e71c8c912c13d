using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>The invite form, the pending invitations and adding an existing user, in real Chromium (seed 000 here; the other seeds in the other part).</summary>
public sealed partial class InvitationPagesTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed000_WorkshopManager_InvitesToTwoWorkshops_SeesItPending_AndRevokesIt(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market DK");
        var aarhus = await app.CreateScopeAsync(org, "Aarhus");
        var odense = await app.CreateScopeAsync(org, "Odense");
        await app.CreateScopeAsync(org, "Aalborg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", aarhus), new GrantSpec("manager", odense)], firstName: "Mia", lastName: "Manager");
        var page = manager.Page;
        var colleague = InvitationSupport.NewEmail("colleague");

        await page.GotoAsync($"/orgs/{org}/invite");
        await Assertions.Expect(page.GetByLabel("Aalborg")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Organisation-wide")).ToHaveCountAsync(0);
        await page.GetByLabel("Email addresses").FillAsync(colleague);
        await page.GetByLabel("Basic rights").CheckAsync();
        await page.GetByLabel("Aarhus").CheckAsync();
        await page.GetByLabel("Odense").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {colleague}.");
        Assert.Contains($"/orgs/{org}/invitations?done=sent", page.Url, StringComparison.Ordinal);
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague });
        await Assertions.Expect(row).ToContainTextAsync("Basic rights in workshop Aarhus");
        await Assertions.Expect(row).ToContainTextAsync("Basic rights in workshop Odense");
        await Assertions.Expect(row).ToContainTextAsync("Mia Manager");
        await Assertions.Expect(row).ToContainTextAsync(Shown(invitation.SentAt));
        await Assertions.Expect(row).ToContainTextAsync(Shown(invitation.ExpiresAt));
        Assert.Equal(invitation.SentAt.AddDays(7), invitation.ExpiresAt);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == colleague && m.Kind == "invitation")));

        await page.GetByLabel($"Actions for {colleague}").ClickAsync();
        await page.GetByText("Revoke…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke invitation for {colleague}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation for {colleague} revoked");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No pending invitations here.")).ToBeVisibleAsync();
        var revoked = await (await manager.Member.Client.GetAsync($"/api/v1/organizations/{org}/invitations?status=revoked")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("revoked", Assert.Single(revoked.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.InvitationRevoked)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ManagerOfAAndB_SeesNoMenu_OnAnInvitationCoveringAAndC(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market FR");
        var a = await app.CreateScopeAsync(org, "Paris");
        var b = await app.CreateScopeAsync(org, "Lyon");
        var c = await app.CreateScopeAsync(org, "Nice");
        var managerAc = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("ac"), [new GrantSpec("manager", a), new GrantSpec("manager", c)]);
        var acrossAc = InvitationSupport.NewEmail("across");
        var onlyA = InvitationSupport.NewEmail("only-a");
        await managerAc.Client.InviteAsync(org, [acrossAc], [new GrantSpec("basic", a), new GrantSpec("basic", c)]);
        await managerAc.Client.InviteAsync(org, [onlyA], [new GrantSpec("basic", a)]);
        await using var contexts = new Contexts();
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", a), new GrantSpec("manager", b)]);

        await viewer.Page.GotoAsync($"/orgs/{org}/invitations");

        var row = viewer.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = acrossAc });
        await Assertions.Expect(row).ToContainTextAsync("Basic rights in workshop Nice");
        await Assertions.Expect(viewer.Page.GetByLabel($"Actions for {acrossAc}")).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Page.GetByLabel($"Actions for {onlyA}")).ToBeVisibleAsync();

        // Revoked by someone else while the page was open: the answer is a notice on a working page.
        var onlyAId = await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Email == onlyA).Select(i => i.Id).SingleAsync());
        await (await managerAc.Client.PostAsync($"/api/v1/organizations/{org}/invitations/{onlyAId}/revoke", null)).ExpectAsync(HttpStatusCode.OK);
        await viewer.Page.GetByLabel($"Actions for {onlyA}").ClickAsync();
        await viewer.Page.GetByText("Revoke…").ClickAsync();
        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke invitation for {onlyA}" }).ClickAsync();
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This invitation was already revoked");
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = acrossAc })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InviteErrors_AreShownNextToTheirFields_AndNothingIsSent(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market SE");
        var malmo = await app.CreateScopeAsync(org, "Malmö");
        var lund = await app.CreateScopeAsync(org, "Lund");
        var existing = InvitationSupport.NewEmail("existing");
        await app.SeedMemberAsync(org, existing, [new GrantSpec("basic", malmo)]);
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", malmo), new GrantSpec("manager", lund)]);
        var page = manager.Page;
        var fresh = InvitationSupport.NewEmail("fresh");
        await page.GotoAsync($"/orgs/{org}/invite");

        await page.GetByLabel("Email addresses").FillAsync($"{fresh}\nnot-an-email");
        await page.GetByLabel("Basic rights").CheckAsync();
        await page.GetByLabel("Malmö").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-emails-error")).ToContainTextAsync("not-an-email");
        await Assertions.Expect(page.GetByLabel("Email addresses")).ToHaveValueAsync($"{fresh}\nnot-an-email");
        await Assertions.Expect(page.GetByLabel("Malmö")).ToBeCheckedAsync();

        await page.GetByLabel("Email addresses").FillAsync($"{fresh}, {existing}");
        await page.GetByLabel("First name").FillAsync("Lena");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-first-name-error")).ToContainTextAsync("A name and phone belong to one person");

        await page.GetByLabel("First name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-emails-error")).ToContainTextAsync($"{existing} is already a member of this organisation");

        // Manager rights at Lund are taken away while the form is open: Lund is no longer theirs to invite to.
        var version = (await app.Operator.MemberAsync(org, manager.Member.MemberId)).GetProperty("version").GetInt32();
        await (await app.Operator.PutAccessAsync(org, manager.Member.MemberId, new[] { new { roleKey = "manager", scopeId = (Guid?)malmo }, new { roleKey = "basic", scopeId = (Guid?)lund } }, version: version))
            .ExpectAsync(HttpStatusCode.OK);
        await page.GetByLabel("Email addresses").FillAsync(fresh);
        await page.GetByLabel("Lund").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-places-error")).ToContainTextAsync("in workshop Lund");

        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == fresh)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SeatLimitReached_IsShownNextToTheEmails(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus", seatLimit: 2);
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("workspace_admin", null)]);
        var page = admin.Page;
        await page.GotoAsync($"/orgs/{org}/invite");

        await page.GetByLabel("Email addresses").FillAsync($"{InvitationSupport.NewEmail("one")}\n{InvitationSupport.NewEmail("two")}");
        await page.GetByLabel("Workspace admin").CheckAsync();
        await page.GetByLabel("Workspace-wide").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        await Assertions.Expect(page.Locator("#invite-emails-error")).ToContainTextAsync("This needs 2 seats but 1 of 2 is free");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_SeesTheInviteFormDisabled_WithTheReason(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market NO");
        var oslo = await app.CreateScopeAsync(org, "Oslo");
        await using var contexts = new Contexts();
        var basic = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("basic", oslo)]);
        var page = basic.Page;

        await page.GotoAsync($"/orgs/{org}/invite");

        await Assertions.Expect(page.Locator("#invite-why")).ToContainTextAsync("You need the 'Invite users' permission in workshop Oslo");
        await Assertions.Expect(page.GetByLabel("Email addresses")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Invite user" })).ToBeDisabledAsync();
        await page.GotoAsync($"/orgs/{org}/invitations");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending invitations" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Invite user" })).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ViewerOfAnotherOrganization_GetsNotFound_OnEveryInvitationPage(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market FI");
        var helsinki = await app.CreateScopeAsync(org, "Helsinki");
        var manager = await app.SeedMemberAsync(org, InvitationSupport.NewEmail("m"), [new GrantSpec("manager", helsinki)]);
        var invited = InvitationSupport.NewEmail("secret");
        await manager.Client.InviteAsync(org, [invited], [new GrantSpec("basic", helsinki)]);
        var other = await app.CreateOrganizationAsync("Market EE");
        await using var contexts = new Contexts();
        var outsider = await browser.SignedInMemberAsync(app, other, contexts, [new GrantSpec("manager", null)]);

        foreach (var path in new[] { "invite", "invitations", "members/add" })
        {
            var response = await outsider.Page.GotoAsync($"/orgs/{org}/{path}");
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(outsider.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("not found", RegexOptions.IgnoreCase) })).ToBeVisibleAsync();
            Assert.DoesNotContain(invited, await outsider.Page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("Helsinki", await outsider.Page.ContentAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>A moment as the console shows it.</summary>
    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
