using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Gatehouse.Server.Tests.Accounts.AccountBrowsing;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>Verifying an email address in real Chromium: from the sign-in page and from the profile.</summary>
public sealed class EmailVerificationPageTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnverifiedMember_WhereTheModelRequiresIt_IsRefused_ThenAsksForALink_VerifiesAndSignsIn(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var (member, email, _) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.SubmitSignInAsync(email, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Verify your email address first");
        await page.GetByRole(AriaRole.Link, new() { Name = "Get a new verification link" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("we sent it a new link");

        await page.GotoAsync(await EmailLinkAsync(app, email, "email_verification"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your email address is verified.");

        Assert.NotNull(await app.InDatabaseAsync(db => db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.EmailVerifiedAt).SingleAsync()));
        await SignInAsync(page, email, Password);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task VerificationLink_WithABrokenToken_ShowsWhatToDo_AndVerifiesNothing(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (member, _, _) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/account/verify-email?user={member.UserId}&token=bm90LWEtdG9rZW4");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" })).ToHaveAttributeAsync("href", "/account/resend-verification");
        Assert.Null(await app.InDatabaseAsync(db => db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => u.EmailVerifiedAt).SingleAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignedInMember_AsksForALinkFromTheProfile_AndTheLinkVerifiesTheAddress(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var (_, email, organization) = await MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);

        await page.GotoAsync("/account/profile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a verification email" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We sent a link to {email}.");
        await page.GotoAsync(await EmailLinkAsync(app, email, "email_verification"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your email address is verified.");
        Assert.Equal(1, await AuditCountAsync(app, organization, "user.email_verified"));

        await page.GotoAsync("/account/profile");
        await Assertions.Expect(page.Locator(".badge")).ToHaveTextAsync("verified");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a verification email" })).ToHaveCountAsync(0);
    }
}
