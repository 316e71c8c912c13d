using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004: creating a workspace with its first administrator names them (the model's inviteeNameRequired).</summary>
public sealed class PlatformPagesNameTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_CreatingAWorkspace_NamesItsFirstAdministrator_BeforeAnythingIsCreated(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        await using var contexts = new Contexts();
        var page = await browser.SignedInOperatorAsync(app, contexts);
        var name = "Grow " + Guid.NewGuid().ToString("N")[..6];
        var admin = $"a{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/platform/organizations/new");
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" });

        await page.Locator("#name").FillAsync(name);
        await page.Locator("#admin-email").FillAsync(admin);
        await page.Locator("#admin-first-name").FillAsync("Wanda");
        await create.ClickAsync();
        await Assertions.Expect(page.Locator("#admin-last-name + .field-error")).ToHaveTextAsync("Enter the last name: this workspace needs the first and last name of everyone invited.");
        Assert.False(await app.InDatabaseAsync(db => db.Organizations.AnyAsync(o => o.Name == name)));

        await page.Locator("#admin-last-name").FillAsync("Admin");
        await create.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"is created");
        var invitation = await app.InDatabaseAsync(db => db.Invitations.SingleAsync(i => i.Email == admin));
        Assert.Equal(("Wanda", "Admin"), (invitation.FirstName, invitation.LastName));
    }
}
