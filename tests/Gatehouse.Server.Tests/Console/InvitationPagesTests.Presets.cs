using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seeds 001 to 004 on the invitation pages, and "Regenerate invite".</summary>
public sealed partial class InvitationPagesTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed001_OrganisationWideManager_InvitesAnOrganisationalUser(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        await app.CreateScopeAsync(org, "Vejle");
        await using var contexts = new Contexts();
        var lead = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("manager", null)]);
        var page = lead.Page;
        var email = InvitationSupport.NewEmail("org-user");

        await page.GotoAsync($"/orgs/{org}/invite");
        await page.GetByLabel("Email addresses").FillAsync(email);
        await page.GetByLabel("Manager rights").CheckAsync();
        await page.GetByLabel("Organisation-wide").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Manager rights, organisation-wide");
        await Assertions.Expect(row.Locator(".badge.org")).ToHaveTextAsync("ORG");
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org));
        Assert.Equal(new[] { new GrantSpec("manager", null) }, invitation.Grants);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed002_AccountAdmin_InvitesReadOnly_AndCustomWithViewOrEditPerCategory(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Fleet");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("admin", null)]);
        var page = admin.Page;
        var reader = InvitationSupport.NewEmail("reader");
        var custom = InvitationSupport.NewEmail("custom");

        await page.GotoAsync($"/orgs/{org}/invite");
        await page.GetByLabel("Email addresses").FillAsync(reader);
        await page.GetByLabel("Read-only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {reader}.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = reader })).ToContainTextAsync("Read-only");

        await page.GotoAsync($"/orgs/{org}/invite");
        await page.GetByLabel("Email addresses").FillAsync(custom);
        await page.GetByLabel("Custom", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assets Management: Edit").CheckAsync();
        await page.GetByLabel("Claims Management: View").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {custom}.");

        var invitations = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().Where(i => i.OrganizationId == org).ToListAsync());
        Assert.Equal(new[] { new GrantSpec("read_only", null) }, invitations.Single(i => i.Email == reader).Grants);
        var customKey = Assert.Single(invitations.Single(i => i.Email == custom).Grants).RoleKey;
        var role = await app.InDatabaseAsync(db => db.Roles.AsNoTracking().SingleAsync(r => r.OrganizationId == org && r.Key == customKey));
        Assert.Equal(new[] { "assets.edit", "assets.view", "claims.view" }, role.Permissions.Order());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed003_InviteWithNamePhoneGroupsAndFullAccess(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var store12 = await app.CreateScopeAsync(org, "Store 12");
        await using var contexts = new Contexts();
        var boss = await browser.SignedInMemberAsync(app, org, contexts, fullAccess: true);
        foreach (var name in new[] { "Store Manager", "Technician" })
        {
            await (await boss.Member.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/roles", new { name, permissions = new[] { "work_orders.view" } })).ExpectAsync(HttpStatusCode.Created);
        }
        var page = boss.Page;
        var email = InvitationSupport.NewEmail("pat");

        await page.GotoAsync($"/orgs/{org}/invite");
        await page.GetByLabel("Email addresses").FillAsync(email);
        await page.GetByLabel("First name").FillAsync("Pat");
        await page.GetByLabel("Last name").FillAsync("Plumber");
        await page.GetByLabel("Phone").FillAsync("+44 20 7946 0958");
        await page.GetByLabel("Store Manager").CheckAsync();
        await page.GetByLabel("Technician").CheckAsync();
        await page.GetByLabel("Store 12").CheckAsync();
        await page.GetByLabel("Full access").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Pat Plumber");
        await Assertions.Expect(row).ToContainTextAsync("Full access to the whole organization");
        await Assertions.Expect(row).ToContainTextAsync("Technician in facility Store 12");
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org));
        Assert.Equal(("Pat", "Plumber", "+44 20 7946 0958", true), (invitation.FirstName, invitation.LastName, invitation.Phone, invitation.FullAccess));
        Assert.Equal(2, invitation.Grants.Count(g => g.ScopeId == store12));

        // An administrator without full access may invite, but not give full access: the box says why.
        var administrator = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("administrator", null)]);
        await administrator.Page.GotoAsync($"/orgs/{org}/invite");
        await Assertions.Expect(administrator.Page.GetByLabel("Full access")).ToBeDisabledAsync();
        await Assertions.Expect(administrator.Page.Locator("#invite-full-access-why")).ToContainTextAsync("Full access can only be given");
        await Assertions.Expect(administrator.Page.GetByLabel("Email addresses")).ToBeEnabledAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_ProjectAdmin_AddsExistingUser_WithTheThreeAnswers(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Grow");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var tunnel = await app.CreateScopeAsync(org, "Tunnel");
        var workspaceAdmin = InvitationSupport.NewEmail("wsa");
        await app.SeedMemberAsync(org, workspaceAdmin, [new GrantSpec("workspace_admin", null)], firstName: "Wanda", lastName: "Admin");
        var existing = InvitationSupport.NewEmail("existing");
        var member = await app.SeedMemberAsync(org, existing, [new GrantSpec("viewer", tunnel)], firstName: "Eli", lastName: "Existing");
        await using var contexts = new Contexts();
        var projectAdmin = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("project_admin", bridge)]);
        var page = projectAdmin.Page;
        await page.GotoAsync($"/orgs/{org}/members/add");
        await Assertions.Expect(page.GetByLabel("Project").Locator("option")).ToHaveTextAsync(["Bridge"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "invite them" })).ToHaveCountAsync(0);

        await AddAsync(page, workspaceAdmin, "Viewer");
        await Assertions.Expect(page.Locator("#add-email-answer")).ToContainTextAsync("Wanda Admin already has that access in project Bridge");
        await AddAsync(page, InvitationSupport.NewEmail("unknown"), "Viewer");
        await Assertions.Expect(page.Locator("#add-email-answer")).ToContainTextAsync("someone who may invite people must invite them first");
        await AddAsync(page, existing, "Editor");
        await Assertions.Expect(page.Locator("#add-email-answer")).ToContainTextAsync($"Eli Existing ({existing}) was added to project Bridge as Editor.");

        var grants = await app.InDatabaseAsync(db => db.Grants.AsNoTracking().Where(g => g.OrganizationId == org && g.MemberId == member.MemberId).Select(g => new { g.RoleKey, g.ScopeId }).ToListAsync());
        Assert.Contains(new { RoleKey = "editor", ScopeId = (Guid?)bridge }, grants);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberAddedToScope)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RegenerateInvite_OnAnExpiredInvitation_GivesANewLinkAndExpiry(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Group");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("administrator", null)]);
        var email = InvitationSupport.NewEmail("late");
        var id = (await admin.Member.Client.InviteAsync(org, [email], [new GrantSpec("administrator", null)]))[0].GetProperty("id").GetGuid();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-10);
        await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, longAgo).SetProperty(i => i.ExpiresAt, longAgo.AddDays(7))));
        var page = admin.Page;

        await page.GotoAsync($"/orgs/{org}/invitations?status=expired");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Expired");
        await page.GetByLabel($"Actions for {email}").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Regenerate invite for {email}" }).ClickAsync();

        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.True(invitation.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6));
        Assert.Equal((1, InvitationStatus.Pending), (invitation.ResendCount, invitation.Status));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent again to {email} with a new link; it now expires {Shown(invitation.ExpiresAt)}.");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Kind == "invitation_resent")));
        await page.GotoAsync($"/orgs/{org}/invitations");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync(Shown(invitation.ExpiresAt));
    }

    private static async Task AddAsync(IPage page, string email, string role)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
    }
}
