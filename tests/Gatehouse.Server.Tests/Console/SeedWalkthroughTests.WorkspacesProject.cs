using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 004 (workspaces): "the 'Users' tab of the project page", walked in Chromium with and without script.</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_ProjectUsersTab_AddUser_RoleSavedAtOnce_AccessDialog(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Project page " + Guid.NewGuid().ToString("N")[..6], seatLimit: 20);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        var zeus = await app.CreateScopeAsync(org, "Zeus");
        var eliEmail = MembersApi.Email("eli");
        var eli = await app.SeedMemberAsync(org, eliEmail, [At("viewer", zeus)], firstName: "Eli", lastName: "Existing");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("contributor", apollo)], firstName: "Lena", lastName: "Berg");
        var waltEmail = MembersApi.Email("walt");
        await app.SeedMemberAsync(org, waltEmail, [At("workspace_admin")], firstName: "Walt", lastName: "Wide");
        await using var contexts = new Contexts();
        var wanda = await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin"), At("project_admin", apollo)], firstName: "Wanda", lastName: "Admin");
        var pia = await browser.SignedInMemberAsync(app, org, contexts, [At("project_admin", apollo)], firstName: "Pia", lastName: "Project");
        var page = pia.Page;
        async Task<HashSet<(string, Guid?)>> GrantsAsync(Guid memberId) => GrantsOf(await wanda.Member.Client.MemberAsync(org, memberId)).ToHashSet();

        // The project page, from the projects section: its Users tab lists who has access there and their role.
        await page.GotoAsync($"/orgs/{org}/scopes");
        await Link(page, "Apollo").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apollo", Exact = true })).ToBeVisibleAsync();
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Project sections" });
        await Assertions.Expect(tabs.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByLabel("Role of Lena Berg in Apollo")).ToHaveValueAsync("contributor");
        await Assertions.Expect(MemberRow(page, "Eli Existing")).ToHaveCountAsync(0);
        // A workspace admin is listed with the project role they hold there, which a project admin may not change.
        await Assertions.Expect(page.GetByLabel("Role of Wanda Admin in Apollo")).ToBeDisabledAsync();
        await Assertions.Expect(MemberRow(page, "Wanda Admin").Locator(".why")).ToContainTextAsync("You cannot change Wanda Admin's access");

        // Add User: the email is unknown (a workspace admin must invite them), then someone already in the workspace.
        await AddToProjectAsync(page, InvitationSupport.NewEmail("unknown"), "Viewer");
        await Assertions.Expect(page.Locator("#scope-add-answer")).ToContainTextAsync("someone who may invite people must invite them first");
        await AddToProjectAsync(page, eliEmail, "Contributor");
        await Assertions.Expect(Toast(page)).ToHaveTextAsync($"Eli Existing was added to project Apollo as Contributor.");
        await Assertions.Expect(page.GetByLabel("Role of Eli Existing in Apollo")).ToHaveValueAsync("contributor");
        Assert.Equal([("contributor", apollo), ("viewer", zeus)], await GrantsAsync(eli.MemberId));

        // The role is a control that saves as soon as a role is picked (the page's script), with a confirmation toast.
        await page.GetByLabel("Role of Eli Existing in Apollo").SelectOptionAsync(new SelectOptionValue { Label = "Editor" });
        await Assertions.Expect(Toast(page)).ToHaveTextAsync("Saved: Eli Existing is now Editor in project Apollo.");
        await Assertions.Expect(page.GetByLabel("Role of Eli Existing in Apollo")).ToHaveValueAsync("editor");
        Assert.Equal([("editor", apollo), ("viewer", zeus)], await GrantsAsync(eli.MemberId));
        await Screenshots.TakeAsync(page, "workspaces-project-users");

        // Opening a row: the person's access per project in a dialog like the invite form.
        await Link(page, "Lena Berg").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Access of Lena Berg" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByLabel("Access to Apollo")).ToBeCheckedAsync();
        await dialog.GetByLabel("Role in Apollo").SelectOptionAsync(new SelectOptionValue { Label = "Viewer" });
        await Screenshots.TakeAsync(page, "workspaces-project-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Toast(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Equal([("viewer", apollo)], await GrantsAsync(lena.MemberId));

        // The same tab without script: the row's Save button saves the select, and the dialog still opens and saves.
        var quiet = await page.Context.Browser!.NewContextAsync(new() { BaseURL = app.BaseUrl.ToString(), JavaScriptEnabled = false });
        contexts.Adopt(quiet);
        var still = await quiet.NewPageAsync();
        await AccountBrowsing.SignInAsync(still, pia.Email, AccountBrowsing.Password);
        await still.GotoAsync($"/orgs/{org}/scopes/{apollo}/users");
        await still.GetByLabel("Role of Lena Berg in Apollo").SelectOptionAsync(new SelectOptionValue { Label = "Contributor" });
        Assert.Equal([("viewer", apollo)], await GrantsAsync(lena.MemberId));
        await Button(still, "Save role of Lena Berg").ClickAsync();
        await Assertions.Expect(Toast(still)).ToHaveTextAsync("Saved: Lena Berg is now Contributor in project Apollo.");
        Assert.Equal([("contributor", apollo)], await GrantsAsync(lena.MemberId));
        // Eli's Zeus access is not Pia's to change: shown, disabled, kept.
        await Link(still, "Eli Existing").ClickAsync();
        await Assertions.Expect(still.GetByRole(AriaRole.Dialog).GetByLabel("Access to Zeus")).ToBeDisabledAsync();
        await still.GetByRole(AriaRole.Dialog).GetByLabel("Access to Apollo").UncheckAsync();
        await Button(still, "Save").ClickAsync();
        // Eli is then out of every project Pia sees: the toast says so without naming anyone.
        await Assertions.Expect(Toast(still)).ToHaveTextAsync("Saved. The user no longer has access in project Apollo.");
        Assert.Equal([("viewer", zeus)], await GrantsAsync(eli.MemberId));

        // A workspace admin's Add User: someone who is a workspace admin already sees every project; an unknown email is theirs to invite.
        var admin = wanda.Page;
        await admin.GotoAsync($"/orgs/{org}/scopes/{apollo}/users");
        await AddToProjectAsync(admin, waltEmail, "Viewer");
        await Assertions.Expect(admin.Locator("#scope-add-answer")).ToContainTextAsync("Walt Wide already has that access in project Apollo");
        await AddToProjectAsync(admin, InvitationSupport.NewEmail("unknown"), "Viewer");
        await Assertions.Expect(admin.Locator("#scope-add-answer")).ToContainTextAsync("invite them instead");
        await Assertions.Expect(Link(admin, "Add User")).ToBeVisibleAsync();
        await admin.SetViewportSizeAsync(390, 844);
        await admin.GotoAsync($"/orgs/{org}/scopes/{apollo}/users");
        Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The project's users are wider than a phone.");
        await Screenshots.TakeAsync(admin, "workspaces-project-users-phone");
        await Link(admin, "Lena Berg").ClickAsync();
        await Screenshots.TakeAsync(admin, "workspaces-project-dialog-phone");

        // A project page of a project the viewer has no say in, or that does not exist: refused, as the API would.
        var zeusPage = await page.GotoAsync($"/orgs/{org}/scopes/{zeus}/users");
        Assert.Equal(403, zeusPage!.Status);
        await ExpectNotFoundAsync(page, $"/orgs/{org}/scopes/{Guid.NewGuid()}/users", "Zeus");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_OneInvitation_OffersADifferentRolePerProject(string store)
    {
        var app = await servers.GetListeningAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Roles per project " + Guid.NewGuid().ToString("N")[..6], seatLimit: 10);
        var apollo = await app.CreateScopeAsync(org, "Apollo");
        var zeus = await app.CreateScopeAsync(org, "Zeus");
        await app.CreateScopeAsync(org, "Hera");
        await using var contexts = new Contexts();
        var page = (await browser.SignedInMemberAsync(app, org, contexts, [At("workspace_admin")], firstName: "Wanda", lastName: "Admin")).Page;

        // "Project permissions: Project & role. A user can have different permissions per project."
        var nora = InvitationSupport.NewEmail("nora");
        await page.GotoAsync($"/orgs/{org}/invite");
        await page.GetByLabel("Email addresses").FillAsync(nora);
        await page.GetByLabel("First name").FillAsync("Nora");
        await page.GetByLabel("Last name").FillAsync("Newcomer");
        await page.GetByLabel("Contributor", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Apollo", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Zeus", new() { Exact = true }).CheckAsync();
        await OwnRole(page, "Zeus").SelectOptionAsync(new SelectOptionValue { Label = "Project admin" });
        // Hera's role is chosen but Hera is not ticked: no access there.
        await OwnRole(page, "Hera").SelectOptionAsync(new SelectOptionValue { Label = "Editor" });
        await PhoneWidth.AtBothWidthsAsync(page, "workspaces-invite-roles-per-project", "fieldset[aria-describedby^=invite-places-hint]");
        await Button(page, "Invite User").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {nora}.");
        await Assertions.Expect(Row(page, nora)).ToContainTextAsync("Contributor in project Apollo");
        await Assertions.Expect(Row(page, nora)).ToContainTextAsync("Project admin in project Zeus");
        var invited = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.OrganizationId == org));
        Assert.Equal(new[] { At("contributor", apollo), At("project_admin", zeus) }.ToHashSet(), invited.Grants.ToHashSet());
    }

    private static ILocator Toast(IPage page) => page.Locator(".notice.toast");

    /// <summary>The invite form's role of one place: named "Own role", described by the place's name.</summary>
    private static ILocator OwnRole(IPage page, string place) =>
        page.Locator(".place-row").Filter(new() { Has = page.GetByText(place, new() { Exact = true }) }).GetByLabel("Own role");

    private static async Task AddToProjectAsync(IPage page, string email, string role)
    {
        var add = page.Locator("details.add-user");
        if (await add.GetAttributeAsync("open") is null)
        {
            await add.Locator("summary").ClickAsync();
        }
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Role in Apollo", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await Button(page, "Add to Apollo").ClickAsync();
    }
}
