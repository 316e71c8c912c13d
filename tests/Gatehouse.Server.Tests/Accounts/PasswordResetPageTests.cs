using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Accounts.AccountBrowsing;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>Forgot password and reset password in real Chromium.</summary>
public sealed class PasswordResetPageTests(ServerPool servers, Browser browser)
{
    private const string Sent = "If an account exists for that address, we sent a link to reset its password. It works for 2 hours.";
    private const string NewPassword = "a brand new password for ada";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResetPassword_EndToEnd_NewPasswordWorks_OldDoesNot_LinkWorksOnce_OtherSessionsEnd(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organization) = await MemberWithPasswordAsync(app);
        await using var elsewhere = await browser.NewContextAsync(app.BaseUrl);
        var elsewherePage = await elsewhere.NewPageAsync();
        await SignInAsync(elsewherePage, email, Password);
        // Failed attempts and a lockout before the reset: the reset lifts them.
        await app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
            user.CountFailedSignIn();
            user.LockUntil(DateTimeOffset.UtcNow.AddMinutes(10));
            return await db.SaveChangesAsync();
        });
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(Sent);

        var link = await EmailLinkAsync(app, email, "password_reset");
        await page.GotoAsync(link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirm new password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Password changed; sign in with your new password.");

        Assert.False(await IsSignedInAsync(elsewherePage));
        await page.SubmitSignInAsync(email, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        await SignInAsync(page, email, NewPassword);
        var stored = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId));
        Assert.Null(stored.LockoutEnd);
        Assert.NotNull(stored.EmailVerifiedAt);
        Assert.Equal(1, await AuditCountAsync(app, organization, "user.password_reset"));

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" })).ToHaveAttributeAsync("href", "/account/forgot-password");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForgotPassword_UnknownEmail_GetsTheSameAnswer_AndNoEmail(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (_, email, _) = await MemberWithPasswordAsync(app);
        var unknown = $"nobody{Guid.NewGuid():N}@example.com";
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        var unknownAnswer = await AskForResetAsync(page, unknown);
        var knownAnswer = await AskForResetAsync(page, email);

        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Contains(Sent, unknownAnswer, StringComparison.Ordinal);
        // One worker handles requests in order: once the later request's email is queued, the earlier one was handled.
        await EmailLinkAsync(app, email, "password_reset");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == unknown)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForgotPassword_DeactivatedMember_GetsNoEmail(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, email, organizationId) = await MemberWithPasswordAsync(app);
        (await app.Operator.PostAsync($"/api/v1/organizations/{organizationId}/members/{member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();
        var (_, other, _) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        Assert.Contains(Sent, await AskForResetAsync(page, email), StringComparison.Ordinal);
        await AskForResetAsync(page, other);

        await EmailLinkAsync(app, other, "password_reset");
        Assert.Equal(0, await EmailCountAsync(app, email, "password_reset"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResetPassword_TooShortOrDifferent_IsRefusedNextToTheField_AndKeepsTheOldPassword(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (_, email, _) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await AskForResetAsync(page, email);
        var link = await EmailLinkAsync(app, email, "password_reset");

        await page.GotoAsync(link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm new password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToContainTextAsync("at least 12 characters");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirm new password").FillAsync(NewPassword + "!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToContainTextAsync("The two passwords are not the same");

        await SignInAsync(page, email, Password);
    }

    private static async Task<string> AskForResetAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        return await page.Locator("main").InnerHTMLAsync();
    }
}
