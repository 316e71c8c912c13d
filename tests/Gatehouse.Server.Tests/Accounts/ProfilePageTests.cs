using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Accounts.AccountBrowsing;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The profile page (name, phone, email change) in real Chromium.</summary>
public sealed class ProfilePageTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Profile_NameAndPhone_AreSaved_AndShowInTheOrganizationsMemberDetailAndList(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organizationId) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Augusta");
        await page.GetByLabel("Last name").FillAsync("King");
        await page.GetByLabel("Phone").FillAsync("+44 20 7946 0000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile is saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Account" })).ToContainTextAsync("Augusta King");
        var detail = await (await app.Operator.GetAsync($"/api/v1/organizations/{organizationId}/members/{member.MemberId}")).ExpectAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal("Augusta", detail.GetProperty("firstName").GetString());
        Assert.Equal("King", detail.GetProperty("lastName").GetString());
        Assert.Equal("+44 20 7946 0000", detail.GetProperty("phone").GetString());
        var list = await (await app.Operator.GetAsync($"/api/v1/organizations/{organizationId}/members?q=augusta")).ExpectAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(member.MemberId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("memberId").GetGuid());
        var audit = await app.InDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.Action == "user.profile_changed").ToListAsync());
        var changed = Assert.Single(audit);
        Assert.Equal(member.MemberId.ToString(), changed.TargetId);
        Assert.Contains("Augusta", changed.After, StringComparison.Ordinal);
        Assert.Contains("Ada", changed.Before, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Profile_BadNameOrPhone_IsRefusedNextToTheField_AndNothingIsStored(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organizationId) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GotoAsync("/account/profile");
        await page.GetByLabel("First name").FillAsync("<b>Ada</b>");
        await page.GetByLabel("Last name").FillAsync("Byron");
        await page.GetByLabel("Phone").FillAsync("call me maybe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        var messages = page.Locator(".validation-message");
        await Assertions.Expect(messages).ToHaveTextAsync([
            "Enter a first name of 1 to 100 characters, without '<' or '>'.",
            "Enter a phone number of 3 to 40 digits, spaces and ( ) - . / with an optional leading +, or leave it empty.",
        ]);
        var user = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId));
        Assert.Equal(("Ada", "Lovelace", (string?)null), (user.FirstName, user.LastName, user.Phone));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.OrganizationId == organizationId && e.Action == "user.profile_changed")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmailChange_WaitsForTheLinkSentToTheNewAddress_ThenTheAddressIsChangedAndVerified(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organizationId) = await MemberWithPasswordAsync(app);
        var newEmail = $"new{Guid.NewGuid():N}@example.com";
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GotoAsync("/account/profile");
        await Assertions.Expect(page.Locator(".badge")).ToHaveTextAsync("not verified");
        await page.GetByLabel("New email address").FillAsync(newEmail);
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We sent a link to {newEmail}.");

        var before = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId));
        Assert.Equal(email, before.Email);
        var link = await EmailLinkAsync(app, newEmail, "email_verification");
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your email address is verified: your account now uses {newEmail}.");

        var after = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId));
        Assert.Equal(newEmail, after.Email);
        Assert.NotNull(after.EmailVerifiedAt);
        var detail = await (await app.Operator.GetAsync($"/api/v1/organizations/{organizationId}/members/{member.MemberId}")).ExpectAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(newEmail, detail.GetProperty("email").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.OrganizationId == organizationId && e.Action == "user.email_changed")));
        await page.GotoAsync("/account/profile");
        await Assertions.Expect(page.Locator(".badge")).ToHaveTextAsync("verified");
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work" })).ToBeVisibleAsync();
        await using var fresh = await browser.NewContextAsync(app.BaseUrl);
        await SignInAsync(await fresh.NewPageAsync(), newEmail, Password);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmailChange_ToAnotherAccountsAddress_OrWithoutThePassword_IsRefused(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, _) = await MemberWithPasswordAsync(app);
        var (_, taken, _) = await MemberWithPasswordAsync(app, "Grace", "Hopper");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GotoAsync("/account/profile");
        await page.GetByLabel("New email address").FillAsync(taken.ToUpperInvariant());
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync("This address cannot be used for your account. Choose another one.");

        await page.GetByLabel("New email address").FillAsync($"free{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Current password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync("The current password is not right.");

        Assert.Equal(0, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.Kind == "email_verification" && m.TextBody.Contains(member.UserId.ToString()))));
        var user = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId));
        Assert.Equal(email, user.Email);
    }
}
