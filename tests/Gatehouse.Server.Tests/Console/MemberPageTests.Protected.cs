using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004: a workspace admin's access is read-only to another workspace admin, who is told why once.</summary>
public sealed partial class MemberPageTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Workspaces_AnotherWorkspaceAdmin_IsShownReadOnly_WithTheReason(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Grow Co");
        await app.CreateScopeAsync(org, "Apollo");
        var walt = await app.SeedMemberAsync(org, MembersApi.Email("walt"), [At("workspace_admin")], firstName: "Walt", lastName: "Admin");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin")]);
        var page = admin.Page;

        await page.GotoAsync(PathOf(org, walt.MemberId));

        await Assertions.Expect(page.Locator("#access-protected-why"))
            .ToHaveTextAsync("Walt Admin holds the role 'Workspace admin', which only an owner of this workspace or product support can change; ask an owner to change their access, deactivate or remove them.");
        await Assertions.Expect(Save(page)).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deactivate…", Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove from the workspace…", Exact = true })).ToBeDisabledAsync();
        await PhoneWidth.AtBothWidthsAsync(page, "workspaces-member-protected", "#access-heading");
    }
}
