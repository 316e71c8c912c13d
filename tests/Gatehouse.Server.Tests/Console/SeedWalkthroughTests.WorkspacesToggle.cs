using Gatehouse.Core.Members;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004: a workspace admin deactivates and reactivates a licence with the toggle in the users' list.</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_WorkspaceAdmin_TogglesALicence_InTheUsersList_AProjectAdminHasNoToggle(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Toggle " + Guid.NewGuid().ToString("N")[..6], seatLimit: 10);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("contributor", apollo)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var wanda = await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin")], firstName: "Wanda", lastName: "Admin");
        var page = wanda.Page;
        Task<MemberStatus> StatusAsync() => app.InDatabaseAsync(db => db.Members.Where(m => m.Id == lena.MemberId).Select(m => m.Status).SingleAsync());

        await page.GotoAsync($"/orgs/{org}/members?sort=name");
        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = "Active: Lena Berg" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        await toggle.ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("The user is deactivated: they cannot sign in any more, and their seat is free.");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");
        Assert.Contains("sort=name", page.Url, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Deactivated, await StatusAsync());
        await PhoneWidth.AtBothWidthsAsync(page, "workspaces-status-toggle");

        await toggle.ClickAsync();
        await Assertions.Expect(Success(page)).ToHaveTextAsync("The user is active again and can sign in.");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        Assert.Equal(MemberStatus.Active, await StatusAsync());

        // "This action can only be performed by a Workspace admin": a project admin sees the status, no switch.
        var pia = await browser.SignedInMemberAsync(app, org, contexts, [At("project_admin", apollo)], firstName: "Pia", lastName: "Project");
        await pia.Page.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(pia.Page, "Lena Berg")).ToContainTextAsync("Active");
        await Assertions.Expect(pia.Page.GetByRole(AriaRole.Switch)).ToHaveCountAsync(0);
    }
}
