using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 003 (facilities), "Delete — remove user": the organization deletes an account that belongs to it alone.</summary>
public sealed partial class SeedWalkthroughTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed003_Delete_TypedEmailDeletesASoleMembersAccount_SomeoneInTwoOrganizationsIsRefused(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co " + Guid.NewGuid().ToString("N")[..6], seatLimit: 10);
        var otherName = "Other Facilities " + Guid.NewGuid().ToString("N")[..6];
        var otherOrg = await app.CreateOrganizationAsync(otherName);
        var tedEmail = MembersApi.Email("ted");
        var ted = await app.SeedMemberAsync(org, tedEmail, firstName: "Ted", lastName: "Temp");
        var sharedEmail = MembersApi.Email("sal");
        var sal = await app.SeedMemberAsync(org, sharedEmail, firstName: "Sal", lastName: "Shared");
        await app.SeedMemberAsync(otherOrg, sharedEmail);
        await using var contexts = new Contexts();
        var admin = await browser.SignedInMemberAsync(app, org, contexts, [At("administrator")], firstName: "Ada", lastName: "Admin");
        var page = admin.Page;

        // Delete: the email must be typed exactly; a mismatch deletes nothing.
        await page.GotoAsync($"/orgs/{org}/members");
        await Link(page, "Ted Temp").ClickAsync();
        await page.Locator("summary", new() { HasText = "Delete account…" }).ClickAsync();
        await page.GetByLabel($"Type {tedEmail} to confirm").FillAsync("ted@example.com");
        await Button(page, "Delete Ted Temp's account permanently").ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync($"Type {tedEmail} exactly as shown");
        Assert.Null(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == ted.UserId).Select(u => u.ErasedAt).SingleAsync()));
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-delete-account", "details[open]:has(summary:has-text('Delete account'))");

        await page.GetByLabel($"Type {tedEmail} to confirm").FillAsync(tedEmail);
        await Button(page, "Delete Ted Temp's account permanently").ClickAsync();
        await page.WaitForNavigationToAsync($"**/orgs/{org}/members?done=account-deleted");
        await Assertions.Expect(Success(page)).ToContainTextAsync("The user's account is deleted permanently");
        await Assertions.Expect(MemberRow(page, "Ted Temp")).ToHaveCountAsync(0);
        Assert.NotNull(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == ted.UserId).Select(u => u.ErasedAt).SingleAsync()));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.OrganizationId == org && e.Action == AuditActions.AccountErased)));

        // Someone who uses their account in another organization too: refused, the other organization not named, nothing deleted.
        await Link(page, "Sal Shared").ClickAsync();
        await page.Locator("summary", new() { HasText = "Delete account…" }).ClickAsync();
        await page.GetByLabel($"Type {sharedEmail} to confirm").FillAsync(sharedEmail);
        var refused = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await Button(page, "Delete Sal Shared's account permanently").ClickAsync();
        Assert.Equal((int)HttpStatusCode.Conflict, (await refused).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("also used in other organizations");
        Assert.DoesNotContain(otherName, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == sal.UserId)));

        // Someone without Users: Delete sees the action disabled with the reason.
        var viewer = await browser.SignedInMemberAsync(app, org, contexts, [At(await ViewerGroupAsync(app, org))], firstName: "Vic", lastName: "Viewer");
        await viewer.Page.GotoAsync($"/orgs/{org}/members/{sal.MemberId}");
        await Assertions.Expect(Button(viewer.Page, "Delete account…")).ToBeDisabledAsync();
        await Assertions.Expect(viewer.Page.Locator("#why-delete-account")).ToContainTextAsync("You need the");
    }

    /// <summary>A permission group that sees users and nothing more (the member seeded with it refreshes the organization's cache).</summary>
    private static Task<string> ViewerGroupAsync(GatehouseApp app, Guid org) =>
        app.InDatabaseAsync(async db =>
        {
            var role = new Gatehouse.Core.Roles.Role(Guid.CreateVersion7(), org, Gatehouse.Core.Roles.RoleKind.Custom, "User viewer", ["members.view"]);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });
}
