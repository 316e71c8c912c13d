using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Product support's pages: organizations (create with a seat limit and a first administrator, open) and permanent account deletion.</summary>
public sealed class PlatformPagesTests(ServerPool servers, Browser browser)
{
    private const string Preset = "workshops";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_CreatesAnOrganization_WithSeatLimitAndFirstAdminInvitation_AndOpensItsConsole(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        await using var contexts = new Contexts();
        var page = await browser.SignedInOperatorAsync(app, contexts);
        var name = "Werkstatt " + Guid.NewGuid().ToString("N")[..6];
        var admin = $"a{Guid.NewGuid():N}@example.com";
        // More than a page of organizations sorts before the new one, as on a real platform: the list must still show it.
        var before = await app.InDatabaseAsync(db => db.Organizations.CountAsync(o => string.Compare(o.Name, name) < 0));
        for (var i = before; i <= 50; i++)
        {
            await app.CreateOrganizationAsync($"Filler {i:D2} {name[10..]}");
        }

        await page.GotoAsync("/platform/organizations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create organisation" }).ClickAsync();
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" });

        // The form says the first administrator becomes the owner.
        await Assertions.Expect(page.Locator("#admin-email-hint")).ToContainTextAsync("they become the organisation's owner");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(admin);
        await PhoneWidth.AtBothWidthsAsync(page, "platform-new-organization", phoneScrollTo: "fieldset");

        // A mistyped first administrator: the error is next to the field and nothing is created.
        await page.GetByLabel("Seat limit").FillAsync("5");
        await page.GetByLabel("Email").FillAsync("not-an-address");
        await create.ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#admin-email + .hint + .field-error")).ToBeVisibleAsync();
        Assert.False(await app.InDatabaseAsync(db => db.Organizations.AnyAsync(o => o.Name == name)));

        // No name: the API's sentence next to the name.
        await page.GetByLabel("Name").FillAsync("");
        await page.GetByLabel("Email").FillAsync("");
        await create.ClickAsync();
        await Assertions.Expect(page.Locator("#name + .field-error")).ToHaveTextAsync("'name' is required.");

        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Plan").FillAsync("workshop-plus");
        await page.GetByLabel("Seat limit").FillAsync("5");
        await page.GetByLabel("Email").FillAsync(admin);
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Manager rights" });
        await create.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Organisation {name} is created. Its first administrator is invited by email.");
        var organization = await app.InDatabaseAsync(db => db.Organizations.SingleAsync(o => o.Name == name));
        Assert.Equal(5, organization.SeatLimit);
        Assert.Equal("workshop-plus", organization.Plan);
        var invitation = await app.InDatabaseAsync(db => db.Invitations.SingleAsync(i => i.OrganizationId == organization.Id));
        Assert.Equal(admin, invitation.Email);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
        // The first administrator becomes the owner on accepting (so they can give full access without product support).
        Assert.Equal((true, true), (invitation.Ownership, invitation.FullAccess));
        Assert.Equal([new GrantSpec("manager", null)], invitation.Grants);
        Assert.True(await app.InDatabaseAsync(db => db.Outbox.AnyAsync(m => m.To == admin)));

        var open = page.GetByRole(AriaRole.Link, new() { Name = "Open its console" });
        Assert.Equal($"/orgs/{organization.Id}/members", await open.GetAttributeAsync("href"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("0 of 5 used");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToBeVisibleAsync();
        Assert.Equal($"/orgs/{organization.Id}/members", await row.GetByRole(AriaRole.Link, new() { Name = $"Open {name}" }).GetAttributeAsync("href"));

        // The operator may open any organization: its console frame and its audit log.
        var console = await page.GotoAsync($"/orgs/{organization.Id}/audit");
        Assert.Equal(200, console!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Seats")).ToContainTextAsync("0 of 5 seats used");
        var events = page.Locator("table.audit tbody tr");
        await Assertions.Expect(events.Filter(new() { HasText = "Invitation sent" })).ToContainTextAsync(admin);
        await Assertions.Expect(events.Filter(new() { HasText = "Organisation created" })).ToContainTextAsync("Paula Operator");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Member_OpeningPlatformPages_GetsTheNotice(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var org = await app.CreateOrganizationAsync("Not support");
        await using var contexts = new Contexts();
        var member = await browser.SignedInMemberAsync(app, org, contexts, grants: [new GrantSpec("manager", null)], owner: true);

        foreach (var path in new[] { "/platform/organizations", "/platform/organizations/new", "/platform/accounts?email=" + Uri.EscapeDataString(member.Email) })
        {
            var response = await member.Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(member.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
            await Assertions.Expect(member.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("platform operators");
            // The layout's hidden time-zone offer is there until the browser's zone is saved (a race with the page load), not an action.
            await Assertions.Expect(member.Page.Locator("form[method=post]:not(.inline):not(#time-zone-offer), table")).ToHaveCountAsync(0);
        }
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Link, new() { Name = "Platform" })).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AccountDeletion_RefusesAMistypedConfirmation_ThenDeletesWithTheRightOne(string store)
    {
        var app = await servers.GetListeningAsync(store, Preset);
        var first = await app.CreateOrganizationAsync("Erase one " + Guid.NewGuid().ToString("N")[..6]);
        var second = await app.CreateOrganizationAsync("Erase two " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"gone{Guid.NewGuid():N}@example.com";
        var person = await app.SeedMemberAsync(first, email, [new GrantSpec("basic", null)], firstName: "Lena", lastName: "Berg");
        await app.SeedMemberAsync(second, email, [new GrantSpec("manager", null)]);
        await using var contexts = new Contexts();
        var page = await browser.SignedInOperatorAsync(app, contexts);

        await page.GotoAsync("/platform/accounts");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena Berg" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ul.memberships li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("ul.memberships")).ToContainTextAsync("Erase one");

        await page.GetByText("Delete this account permanently…").ClickAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "platform-accounts");
        await page.GetByLabel($"Type {email} to confirm").FillAsync(email.ToUpperInvariant());
        var waited = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = $"Delete {email} permanently" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(422, waited.Status);
        await Assertions.Expect(page.Locator("#confirm-email + .field-error")).ToContainTextAsync("This does not match.");
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == person.UserId)));
        Assert.Null(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.UserId).Select(u => u.ErasedAt).SingleAsync()));

        await page.GetByLabel($"Type {email} to confirm").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {email} permanently" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The account is deleted permanently.");

        Assert.NotNull(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.UserId).Select(u => u.ErasedAt).SingleAsync()));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == person.UserId)));
        var target = person.UserId.ToString();
        Assert.True(await app.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccountErased && e.TargetType == "user" && e.TargetId == target)));
        Assert.Equal(2, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.AccountErased && (e.OrganizationId == first || e.OrganizationId == second))));
        var found = await (await app.Operator.GetAsync($"/api/v1/platform/users?email={Uri.EscapeDataString(email)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, found.GetArrayLength());
    }
}
