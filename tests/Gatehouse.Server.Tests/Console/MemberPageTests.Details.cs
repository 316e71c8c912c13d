using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Console;

/// <summary>Seed 003's "Edit — change details" on the member page.</summary>
public sealed partial class MemberPageTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Facilities_AdministratorChangesATechniciansDetails_AUserViewerHasNoForm(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var technicians = await PermissionGroupAsync(app, org, "Technician", "assets.view");
        var viewers = await PermissionGroupAsync(app, org, "User viewer", "members.view");
        var ted = await app.SeedMemberAsync(org, MembersApi.Email("ted"), [At(technicians)], firstName: "Ted", lastName: "Technician");
        await using var contexts = new Contexts();
        var admin = await SignedInVerifiedAsync(app, org, contexts, [At("administrator")]);
        var page = admin.Page;

        await page.GotoAsync(PathOf(org, ted.MemberId));
        var form = page.Locator("section.member-details");
        await Assertions.Expect(form.GetByLabel("First name")).ToHaveValueAsync("Ted");
        await form.GetByLabel("First name").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(form.Locator(".validation-message")).ToHaveTextAsync("Enter a first name of 1 to 100 characters, without '<' or '>'.");
        await form.GetByLabel("First name").FillAsync("Theodore");
        await form.GetByLabel("Last name").FillAsync("Tech");
        await form.GetByLabel("Phone").FillAsync("+44 20 7946 0000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();

        await Assertions.Expect(Success(page)).ToHaveTextAsync("Theodore Tech's details are saved.");
        await Assertions.Expect(page.Locator("#member-name")).ToContainTextAsync("Theodore Tech");
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-member-details", "section.member-details");
        var row = await admin.Member.Client.MemberAsync(org, ted.MemberId);
        Assert.Equal("+44 20 7946 0000", row.GetProperty("phone").GetString());

        var viewer = await SignedInVerifiedAsync(app, org, contexts, [At(viewers)]);
        await viewer.Page.GotoAsync(PathOf(org, ted.MemberId));
        await Assertions.Expect(viewer.Page.Locator("#member-name")).ToContainTextAsync("Theodore Tech");
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Heading, new() { Name = "Change details" })).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Facilities_AdministratorFiltersUnverifiedUsers_AndResendsTheVerificationEmail(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var tedEmail = MembersApi.Email("ted");
        var ted = await app.SeedMemberAsync(org, tedEmail, firstName: "Ted", lastName: "Technician");
        await using var contexts = new Contexts();
        var admin = await SignedInVerifiedAsync(app, org, contexts, [At("administrator")]);
        var page = admin.Page;

        await page.GotoAsync($"/orgs/{org}/members");
        await page.GetByLabel("Email verified").SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("emailVerified=false"));
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator("td[data-label='Email verified']")).ToHaveTextAsync("No");
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-members-unverified");

        await page.GotoAsync(PathOf(org, ted.MemberId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Resend verification email" }).ClickAsync();
        await Assertions.Expect(Success(page)).ToHaveTextAsync($"We sent Ted Technician a new verification email to {tedEmail}.");
        await PhoneWidth.AtBothWidthsAsync(page, "facilities-member-resend-verification", ".notice.success");
        var queued = await app.InDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Outbox, o => o.Kind == "email_verification" && o.To == tedEmail));
        Assert.Equal(1, queued);
    }
}
