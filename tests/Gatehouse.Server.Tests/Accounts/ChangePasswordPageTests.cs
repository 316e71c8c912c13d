using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Accounts.AccountBrowsing;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The change password page in real Chromium.</summary>
public sealed class ChangePasswordPageTests(ServerPool servers, Browser browser)
{
    private const string NewPassword = "another long password for ada";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangePassword_WrongCurrentPassword_IsRefused_AndTheOldPasswordStays(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (_, email, _) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await ChangeAsync(page, "not my password at all", NewPassword);

        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync("The current password is not right.");
        await Assertions.Expect(page.GetByLabel("Current password")).ToHaveValueAsync(string.Empty);
        await using var fresh = await browser.NewContextAsync(app.BaseUrl);
        var freshPage = await fresh.NewPageAsync();
        await freshPage.SubmitSignInAsync(email, NewPassword);
        await Assertions.Expect(freshPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        await SignInAsync(freshPage, email, Password);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangePassword_Succeeds_KeepsThisSession_AndEndsTheOtherOnes(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (_, email, organization) = await MemberWithPasswordAsync(app);
        await using var elsewhere = await browser.NewContextAsync(app.BaseUrl);
        var elsewherePage = await elsewhere.NewPageAsync();
        await SignInAsync(elsewherePage, email, Password);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await ChangeAsync(page, Password, NewPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed.");
        Assert.True(await IsSignedInAsync(page));
        Assert.False(await IsSignedInAsync(elsewherePage));
        await SignInAsync(elsewherePage, email, NewPassword);
        Assert.Equal(1, await AuditCountAsync(app, organization, "user.password_changed"));
    }

    private static async Task ChangeAsync(IPage page, string current, string newPassword)
    {
        if (!page.Url.EndsWith("/account/change-password", StringComparison.Ordinal))
        {
            await page.GotoAsync("/account/change-password");
        }
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Confirm new password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }
}
