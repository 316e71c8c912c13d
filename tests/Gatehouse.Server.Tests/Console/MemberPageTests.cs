using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>
/// The member page in real Chromium (seeds 000 and 001): the access editor with a check mark and a role per workshop,
/// the organisational user, and the member's life cycle, each confirmed and answered.
/// </summary>
public sealed partial class MemberPageTests(ServerPool servers, Browser browser)
{
    private static string PathOf(Guid org, Guid member) => $"/orgs/{org}/members/{member}";

    private static ILocator Success(IPage page) => page.Locator(".notice.success");

    private static ILocator Save(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    private static async Task ConfirmAsync(IPage page, string summary, string button)
    {
        await page.Locator("summary", new() { HasText = summary }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkshopManager_UnchecksWorkshop_AndSaves_TheGrantIsGone(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin), At("basic", hamburg)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin), At("manager", hamburg)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(page.GetByLabel("Access to Berlin")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Role in Hamburg")).ToHaveValueAsync("basic");
        await page.GetByLabel("Access to Hamburg").UncheckAsync();
        await Save(page).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        await Assertions.Expect(page.GetByLabel("Access to Hamburg")).Not.ToBeCheckedAsync();
        Assert.Equal([("basic", (Guid?)berlin)], GrantsOf(await manager.Member.Client.MemberAsync(org, lena.MemberId)));
        Assert.False(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.MemberId == lena.MemberId && g.ScopeId == hamburg)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberAccessChanged)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ManagerOfOneWorkshop_ChangesTheRoleThere_AndTheOtherWorkshopStaysAsItWas(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin), At("basic", hamburg)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        // Hamburg is not theirs: disabled, so the browser does not even send it; the Save keeps Lena's grant there.
        await Assertions.Expect(page.GetByLabel("Access to Hamburg")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByLabel("Access to Hamburg")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".targets .why").Nth(1)).ToContainTextAsync("You need the 'Change access rights' permission in workshop Hamburg");
        await page.GetByLabel("Role in Berlin").SelectOptionAsync(new SelectOptionValue { Label = "Manager rights" });
        await Save(page).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        var grants = GrantsOf(await manager.Member.Client.MemberAsync(org, lena.MemberId));
        Assert.Equal(new[] { ("manager", (Guid?)berlin), ("basic", hamburg) }.ToHashSet(), grants.ToHashSet());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrganisationalManager_ConvertsWorkshopUser_ToOrganisationalUser_AndBack(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager")]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(page.Locator("#member-name .badge.org")).ToHaveCountAsync(0);
        await page.GetByLabel("Organisational user — all workshops, existing and future").CheckAsync();
        await page.GetByLabel("Role for all workshops").SelectOptionAsync(new SelectOptionValue { Label = "Manager rights" });
        await page.GetByLabel("Access to Berlin").UncheckAsync();
        await Save(page).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg is now an organisational user: Manager rights in all workshops. Their access per workshop was replaced.");
        await Assertions.Expect(page.Locator("#member-name .badge.org")).ToHaveTextAsync("ORG");
        var converted = await manager.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal([("manager", (Guid?)null)], GrantsOf(converted));
        Assert.True(converted.GetProperty("organizationWide").GetBoolean());

        await page.GetByLabel("Organisational user").UncheckAsync();
        await page.GetByLabel("Access to Berlin").CheckAsync();
        await page.GetByLabel("Role in Berlin").SelectOptionAsync(new SelectOptionValue { Label = "Basic rights" });
        await Save(page).ClickAsync();

        await Assertions.Expect(page.Locator("#member-name .badge.org")).ToHaveCountAsync(0);
        var back = await manager.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal([("basic", (Guid?)berlin)], GrantsOf(back));
        Assert.False(back.GetProperty("organizationWide").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_SeesEveryControlDisabled_WithTheReason(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var basic = await browser.SignedInMemberAsync(app, org, contexts, [At("basic", berlin)]);
        var page = basic.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena Berg" })).ToBeVisibleAsync();
        foreach (var label in new[] { "Access to Berlin", "Role in Berlin", "Organisational user", "Role for all workshops", "Full access" })
        {
            await Assertions.Expect(page.GetByLabel(label)).ToBeDisabledAsync();
        }
        await Assertions.Expect(Save(page)).ToBeDisabledAsync();
        foreach (var action in new[] { "Deactivate…", "Remove from Berlin…", "Make owner…", "Remove from the organisation…" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToBeDisabledAsync();
        }
        await Assertions.Expect(page.Locator("details.confirm")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".targets .why").First)
            .ToContainTextAsync("You need the 'Change access rights' permission in the organisation");
        await Assertions.Expect(page.Locator(".targets .why").Nth(1))
            .ToContainTextAsync("You need the 'Change access rights' permission in workshop Berlin; ask someone with the role 'Manager rights' there.");
        await Assertions.Expect(page.Locator(".member-actions .why").First).ToContainTextAsync("'Deactivate users'");
        await Assertions.Expect(page.GetByText("Full access can only be given or taken away by a member with full access or an owner")).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Deactivate_ThenReactivate_EachConfirmed_AndAudited(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await ConfirmAsync(page, "Deactivate…", "Deactivate Lena Berg");
        await Assertions.Expect(Success(page)).ToContainTextAsync("Lena Berg is deactivated");
        Assert.Equal("deactivated", (await manager.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("status").GetString());

        await ConfirmAsync(page, "Reactivate…", "Reactivate Lena Berg");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg is active again.");
        Assert.Equal("active", (await manager.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("status").GetString());

        var events = await (await app.Operator.GetAsync($"/api/v1/organizations/{org}/audit-events?targetMemberId={lena.MemberId}"))
            .ExpectAsync(HttpStatusCode.OK);
        var actions = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal([AuditActions.MemberReactivated, AuditActions.MemberDeactivated], actions);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemoveFromWorkshop_Confirmed_KeepsTheOtherWorkshop(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin), At("basic", hamburg)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin), At("manager", hamburg)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await ConfirmAsync(page, "Remove from Hamburg…", "Remove Lena Berg from Hamburg");

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg no longer has access in workshop Hamburg.");
        await Assertions.Expect(page.GetByLabel("Access to Hamburg")).Not.ToBeCheckedAsync();
        Assert.Equal([("basic", (Guid?)berlin)], GrantsOf(await manager.Member.Client.MemberAsync(org, lena.MemberId)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberRemovedFromScope)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Reactivate_WhenEverySeatIsTaken_ShowsTheRefusal(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord", seatLimit: 2);
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin)]);
        await (await manager.Member.Client.PostAsync(MembersApi.Path(org, $"/{lena.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        await app.SeedMemberAsync(org, MembersApi.Email("new"), [At("basic", berlin)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await ConfirmAsync(page, "Reactivate…", "Reactivate Lena Berg");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This needs 1 seat but 0 of 2 are free");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lena Berg" })).ToBeVisibleAsync();
        Assert.Equal("deactivated", (await manager.Member.Client.MemberAsync(org, lena.MemberId)).GetProperty("status").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemoveFromOrganisation_Confirmed_GoesToTheList_AndKeepsTheAccount(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await ConfirmAsync(page, "Remove from the organisation…", "Remove Lena Berg from the organisation");

        // The list at its URL and its notice, not WaitForURL: that also waits for the page's load event, which a
        // heavily loaded machine delayed past the timeout after the list was already there.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/orgs/{org}/members\\?done=removed$"), new() { Timeout = 20_000 });
        await Assertions.Expect(Success(page)).ToContainTextAsync("The user is removed from this organisation.", new() { Timeout = 20_000 });
        await (await manager.Member.Client.GetAsync(MembersApi.Path(org, $"/{lena.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        Assert.False(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.Id == lena.MemberId)));
        Assert.True(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == lena.UserId)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StaleVersion_ShowsTheConflict_AndTheAccessAsItIsNow(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("basic", berlin), At("basic", hamburg)], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var manager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin), At("manager", hamburg)]);
        var page = manager.Page;

        await page.GotoAsync(PathOf(org, lena.MemberId));
        await (await manager.Member.Client.PutAccessAsync(org, lena.MemberId, Grants(("basic", berlin)))).ExpectAsync(HttpStatusCode.OK);
        await page.GetByLabel("Role in Berlin").SelectOptionAsync(new SelectOptionValue { Label = "Manager rights" });
        await Save(page).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This user's access changed since you opened it; reload to see the new access");
        await Assertions.Expect(page.GetByLabel("Access to Hamburg")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Role in Berlin")).ToHaveValueAsync("basic");
        Assert.Equal([("basic", (Guid?)berlin)], GrantsOf(await manager.Member.Client.MemberAsync(org, lena.MemberId)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OtherOrganisation_AndManagerOutsideTheWorkshop_GetNotFound(string store)
    {
        var app = await servers.GetListeningAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Autohaus Nord");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var lenaEmail = MembersApi.Email("lena");
        var lena = await app.SeedMemberAsync(org, lenaEmail, [At("basic", hamburg)], firstName: "Lena", lastName: "Berg");
        var elsewhere = await app.CreateOrganizationAsync("Autohaus Süd");
        await using var contexts = new Contexts();
        var stranger = await browser.SignedInMemberAsync(app, elsewhere, contexts, [At("manager")]);
        var berlinManager = await browser.SignedInMemberAsync(app, org, contexts, [At("manager", berlin)]);

        var answer = await stranger.Page.GotoAsync(PathOf(org, lena.MemberId));
        Assert.Equal((int)HttpStatusCode.NotFound, answer!.Status);
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{org}");
        var strangerText = await stranger.Page.ContentAsync();
        Assert.DoesNotContain("Lena", strangerText, StringComparison.Ordinal);
        Assert.DoesNotContain("Autohaus Nord", strangerText, StringComparison.Ordinal);

        answer = await berlinManager.Page.GotoAsync(PathOf(org, lena.MemberId));
        Assert.Equal((int)HttpStatusCode.NotFound, answer!.Status);
        await Assertions.Expect(berlinManager.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(berlinManager.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no member {lena.MemberId} in this organization that you can see.");
        var managerText = await berlinManager.Page.ContentAsync();
        Assert.DoesNotContain(lenaEmail, managerText, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Berg", managerText, StringComparison.Ordinal);
        await Assertions.Expect(berlinManager.Page.Locator("form")).ToHaveCountAsync(1); // only the bar's sign-out form
    }
}
