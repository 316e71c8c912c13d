using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Email;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>
/// The whole path a new person walks, with nothing simulated: the invitation goes out over SMTP to maildev, its link
/// opens in Chromium, the person joins and is signed in, and their latest login shows through the API. Then the
/// password reset the same way.
/// </summary>
public sealed partial class EmailJourneyTests(Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_EmailArrives_LinkOpensInTheBrowser_PersonJoins_AndTheirLoginShowsThroughTheApi(string store)
    {
        await using var mail = await MailServer.StartAsync();
        await using var app = await GatehouseApp.StartAsync(store, "workshops", settings: EmailDeliveryTests.SmtpSettings(mail.SmtpPort), kestrel: true);
        var organization = await app.CreateOrganizationAsync("Bergen Motors");
        var workshop = await app.CreateScopeAsync(organization, "Bergen North");
        var manager = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("manager"), [new GrantSpec("manager", workshop)], firstName: "Mona", lastName: "Manager");
        var email = InvitationSupport.NewEmail("kari");

        await manager.Client.InviteAsync(organization, [email], [new GrantSpec("basic", workshop)]);
        var invitation = Assert.Single(await mail.WaitForAsync(m => m.Any(x => x.To == email), "the invitation at maildev"), m => m.To == email);
        Assert.Equal("Mona Manager invited you to join Bergen Motors", invitation.Subject);
        var link = new Uri(AcceptLink().Match(invitation.Text).Value);

        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("Bergen North");
        await page.JoinAsync("Kari", "Nordmann");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Kari Nordmann" })).ToBeVisibleAsync();
        var members = await (await manager.Client.GetAsync($"/api/v1/organizations/{organization}/members?q=kari")).ExpectAsync(HttpStatusCode.OK);
        var kari = Assert.Single(members.GetProperty("items").EnumerateArray());
        Assert.Equal(email, kari.GetProperty("email").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, kari.GetProperty("lastLoginAt").ValueKind);

        // Signed out and back in with the password she chose.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await AccountBrowsing.SignInAsync(page, email, AcceptPageSupport.Password);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForgottenPassword_ResetLinkArrivesOverSmtp_AndTheNewPasswordSignsIn(string store)
    {
        await using var mail = await MailServer.StartAsync();
        await using var app = await GatehouseApp.StartAsync(store, settings: EmailDeliveryTests.SmtpSettings(mail.SmtpPort), kestrel: true);
        var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        var reset = Assert.Single(await mail.WaitForAsync(m => m.Any(x => x.To == email), "the reset email at maildev"), m => m.To == email);
        await page.GotoAsync(new Uri(ResetLink().Match(reset.Text).Value).PathAndQuery);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a brand new long passphrase");
        await page.GetByLabel("Confirm new password").FillAsync("a brand new long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Password changed");

        await AccountBrowsing.SubmitSignInAsync(page, email, AccountBrowsing.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        await AccountBrowsing.SignInAsync(page, email, "a brand new long passphrase");
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?token=\S+")]
    private static partial Regex AcceptLink();

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
