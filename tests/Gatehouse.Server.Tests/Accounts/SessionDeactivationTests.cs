using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>Deactivation ends a signed-in session and an API key at the next request, in real Chromium.</summary>
public sealed class SessionDeactivationTests(ServerPool servers, Browser browser)
{
    private const string Password = "a quiet harbour at dawn";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivatedMember_IsSignedOutAtTheNextPage_KeyRefused_SignInRefusedWithTheReason_UntilReactivated(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var organization = await app.CreateOrganizationAsync("Harbour");
        var email = $"rosa{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, email, [new GrantSpec("member", null)], firstName: "Rosa", lastName: "Marquez");
        await app.SetPasswordAsync(member.UserId, Password);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Rosa Marquez" })).ToBeVisibleAsync();

        (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        await page.GotoAsync("/");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        await (await member.Client.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectProblemAsync(HttpStatusCode.Forbidden, "actor_deactivated");
        await SignInAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("was deactivated, so you cannot sign in");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "gatehouse.session");

        (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/reactivate", null)).EnsureSuccessStatusCode();

        await SignInAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Rosa Marquez" })).ToBeVisibleAsync();
        await (await member.Client.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MemberDeactivatedInOneOfTwoOrganizations_KeepsTheSession_ButNotThatOrganization(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var kept = await app.CreateOrganizationAsync("Kept");
        var lost = await app.CreateOrganizationAsync("Lost");
        var email = $"ines{Guid.NewGuid():N}@example.com";
        var inKept = await app.SeedMemberAsync(kept, email, [new GrantSpec("member", null)], firstName: "Ines", lastName: "Duarte");
        var inLost = await app.SeedMemberAsync(lost, email, [new GrantSpec("member", null)]);
        await app.SetPasswordAsync(inKept.UserId, Password);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Ines Duarte" })).ToBeVisibleAsync();

        (await app.Operator.PostAsync($"/api/v1/organizations/{lost}/members/{inLost.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Ines Duarte" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Deactivated")).ToBeVisibleAsync();
        await (await inKept.Client.GetAsync($"/api/v1/organizations/{lost}/scopes")).ExpectProblemAsync(HttpStatusCode.Forbidden, "actor_deactivated");
        await (await inKept.Client.GetAsync($"/api/v1/organizations/{kept}/scopes")).ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
