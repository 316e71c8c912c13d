using System.Net;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 002 (micromobility): "Click on the 'Role' dropdown list next to their name to modify their role".</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed002_RoleDropdownInTheList_SavesInPlace_CustomOpensItsEditor_ReadOnlySeesText(string store)
    {
        var app = await servers.GetListeningAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Fleet " + Guid.NewGuid().ToString("N")[..6], seatLimit: 20);
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true, firstName: "Otto", lastName: "Owner");
        var lena = await app.SeedMemberAsync(org, MembersApi.Email("lena"), [At("read_only")], firstName: "Lena", lastName: "Berg");
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("admin")], firstName: "Adam", lastName: "Admin");
        var page = admin.Page;

        // The role next to her name, changed and saved in place: back on the same list with a sentence.
        await page.GotoAsync($"/orgs/{org}/members?sort=email");
        var role = page.GetByLabel("Role for Lena Berg", new() { Exact = true });
        await Assertions.Expect(role).ToHaveValueAsync("read_only");
        await role.SelectOptionAsync(new SelectOptionValue { Label = "Admin" });
        await PhoneWidth.AtBothWidthsAsync(page, "micromobility-role-dropdown");
        await Button(page, "Save role for Lena Berg").ClickAsync();
        await page.WaitForNavigationToAsync($"**/orgs/{org}/members?sort=email&done=role-saved&member={lena.MemberId}");
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's role is now Admin.");
        await Assertions.Expect(page.GetByLabel("Role for Lena Berg", new() { Exact = true })).ToHaveValueAsync("admin");
        Assert.Equal([("admin", (Guid?)null)], GrantsOf(await admin.Member.Client.MemberAsync(org, lena.MemberId)));

        // Custom: its per-category editor on her page, the role already Custom there.
        await page.GetByLabel("Role for Lena Berg", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Custom" });
        await Button(page, "Save role for Lena Berg").ClickAsync();
        await page.WaitForNavigationToAsync($"**/orgs/{org}/members/{lena.MemberId}?role=custom*");
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("inline");
        await Assertions.Expect(page.Locator("details.custom-role")).ToHaveAttributeAsync("open", "");
        Assert.Equal([("admin", (Guid?)null)], GrantsOf(await admin.Member.Client.MemberAsync(org, lena.MemberId)));
        foreach (var category in new[] { "Account Management", "Billing/Finance Management", "Claims Management", "Workforce / Drivers Management" })
        {
            await Level(page, category, "No access").CheckAsync();
        }
        await Level(page, "Assets Management", "View").CheckAsync();
        await Level(page, "Insurance Management", "Edit").CheckAsync();
        await Button(page, "Save").ClickAsync();
        await Assertions.Expect(Success(page)).ToHaveTextAsync("Lena Berg's access is saved.");
        var saved = await admin.Member.Client.MemberAsync(org, lena.MemberId);
        Assert.Equal(["assets.view", "insurance.edit", "insurance.view"],
            Assert.Single(saved.GetProperty("grants").EnumerateArray()).GetProperty("inlinePermissions").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));

        // Back in the list her role reads Custom, with Edit leading to that editor.
        await Link(page, "User access").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Role for Lena Berg", new() { Exact = true })).ToHaveValueAsync("inline");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit Lena Berg's Custom role" }))
            .ToHaveAttributeAsync("href", $"/orgs/{org}/members/{lena.MemberId}?role=custom#access-heading");

        // A save on an old reading is refused, and nothing is overwritten.
        await page.GetByLabel("Role for Lena Berg", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Read-only" });
        await (await admin.Member.Client.PutAccessAsync(org, lena.MemberId, Grants(("admin", null)), version: saved.GetProperty("version").GetInt32()))
            .ExpectAsync(HttpStatusCode.OK);
        var stale = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await Button(page, "Save role for Lena Berg").ClickAsync();
        Assert.Equal((int)HttpStatusCode.Conflict, (await stale).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Equal([("admin", (Guid?)null)], GrantsOf(await admin.Member.Client.MemberAsync(org, lena.MemberId)));

        // A Read-only user sees each role as text: no dropdown for people they may not change.
        var reader = await browser.SignedInMemberAsync(app, org, contexts, [At("read_only")], firstName: "Rita", lastName: "Reader");
        await reader.Page.GotoAsync($"/orgs/{org}/members");
        await Assertions.Expect(MemberRow(reader.Page, "Lena Berg").Locator("td[data-label='Access rights']")).ToHaveTextAsync("Admin");
        await Assertions.Expect(reader.Page.Locator("form.role-select")).ToHaveCountAsync(0);
    }
}
