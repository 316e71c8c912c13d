using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004: the invite form marks first and last name required when the model's inviteeNameRequired is on.</summary>
public sealed partial class InvitationPagesTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Workspaces_InviteForm_RequiresBothNames_AndSaysWhichIsMissing(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Grow");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [new GrantSpec("workspace_admin", null)]);
        var page = admin.Page;
        await page.GotoAsync($"/orgs/{org}/invite");
        await Assertions.Expect(page.GetByLabel("First name (required)")).ToHaveAttributeAsync("aria-required", "true");
        await Assertions.Expect(page.GetByLabel("Last name (required)")).ToHaveAttributeAsync("aria-required", "true");

        await page.GetByLabel("Email addresses").FillAsync(InvitationSupport.NewEmail("ada"));
        await page.GetByLabel("First name (required)").FillAsync("Ada");
        await page.GetByLabel("Workspace admin").CheckAsync();
        await page.GetByLabel("Workspace-wide").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();

        await Assertions.Expect(page.Locator("#invite-last-name-error")).ToHaveTextAsync("Enter the last name: this workspace needs the first and last name of everyone invited.");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));

        await page.GetByLabel("Last name (required)").FillAsync("Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite user" }).ClickAsync();
        await page.WaitForNavigationToAsync(url => url.Contains("/invitations", StringComparison.Ordinal));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
    }
}
