using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004 (workspaces) walked through the console.</summary>
public sealed partial class SeedWalkthroughTests
{
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
        await PhoneWidth.AtBothWidthsAsync(page, "workspaces-members");
        var administration = page.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true });
        await Assertions.Expect(administration.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator(".console > p.area")).ToHaveTextAsync("Administration");
        await Link(page, "Add User").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add User", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Email addresses").FillAsync(nora);
        await page.GetByLabel("First name").FillAsync("Nora");
        await page.GetByLabel("Last name").FillAsync("Newcomer");
        await page.GetByLabel("Contributor", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Apollo", new() { Exact = true }).CheckAsync();
        await Button(page, "Invite User").ClickAsync();
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
        var invite = Button(their, "Add User");
        await Assertions.Expect(invite).ToBeDisabledAsync();
        await Assertions.Expect(invite).ToHaveAccessibleDescriptionAsync(new Regex("You need the '.+' permission"));
        await Link(their, "Add existing user").ClickAsync();
        await Assertions.Expect(their.GetByLabel("Project")).ToHaveValueAsync(apollo.ToString());
        await PhoneWidth.AtBothWidthsAsync(their, "workspaces-add-existing");
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
        await PhoneWidth.AtBothWidthsAsync(their, "workspaces-member", phoneScrollTo: "#access-heading");
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
