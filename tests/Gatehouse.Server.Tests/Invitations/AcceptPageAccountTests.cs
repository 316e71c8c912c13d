using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>The accept-invitation page in real Chromium for people who already have an account: with its password, or signed in.</summary>
public sealed class AcceptPageAccountTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExistingAccount_WrongPasswordChangesNothing_RightPasswordJoinsAndSignsIn(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere");
        var (_, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Ida", "Inviter", "Here Page");
        var email = InvitationSupport.NewEmail("known");
        var known = await app.SeedMemberAsync(elsewhere, email, [new GrantSpec("viewer", null)], firstName: "Kim", lastName: "Known");
        await app.SetPasswordAsync(known.UserId, "the known account's password");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("member", null)]);
        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;
        await Assertions.Expect(page.GetByText("You already have an account; enter your password to accept.")).ToBeVisibleAsync();

        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(Gatehouse.Server.Accounts.PasswordSignIn.Failed);
        Assert.Equal(1, await app.MemberCountAsync(organization));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "gatehouse.session");

        await page.GetByLabel("Password").FillAsync("the known account's password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Kim Known" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You joined Here Page.");
        Assert.Equal(2, await app.MemberCountAsync(organization));
        var user = await app.UserAsync(email);
        Assert.Equal(known.UserId, user!.Id);
        Assert.NotNull(user.LastLoginAt);
        Assert.Equal(0, user.AccessFailedCount);
        await (await known.Client.GetAsync($"/api/v1/organizations/{organization}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExistingAccount_TooManyWrongPasswords_PausesSignIn_AndTheRightOneNoLongerJoins(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere");
        var (_, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Lou", "Lockout");
        var email = InvitationSupport.NewEmail("locked");
        var known = await app.SeedMemberAsync(elsewhere, email, [new GrantSpec("viewer", null)]);
        await app.SetPasswordAsync(known.UserId, "the locked account's password");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("member", null)]);
        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;
        var attempts = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout.MaxFailedAccessAttempts;

        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            await page.GetByLabel("Password").FillAsync($"wrong password number {attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            // The answer page comes back with the field emptied: wait for it before the next try.
            await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        }
        // Wrong passwords never learn that the account is paused; only the right one does.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(Gatehouse.Server.Accounts.PasswordSignIn.Failed);
        await page.GetByLabel("Password").FillAsync("the locked account's password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign-in for this account is paused");
        Assert.Equal(1, await app.MemberCountAsync(organization));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "gatehouse.session");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignedInAsSomeoneElse_IsTold_NothingChanges_AndSigningOutShowsTheForm(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Sam", "Sender");
        var email = InvitationSupport.NewEmail("other");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var link = await app.LinkSentToAsync(email);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.SubmitSignInAsync("operator@gatehouse.test", "a long operator password");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Paula Operator" })).ToBeVisibleAsync();

        await page.GotoAsync(link);

        await Assertions.Expect(page.GetByText($"This invitation is for {email}; you are signed in as operator@gatehouse.test.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveCountAsync(0);
        Assert.Equal(1, await app.MemberCountAsync(organization));
        Assert.Null(await app.UserAsync(email));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out of operator@gatehouse.test" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "gatehouse.session");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignedInAsTheInvitee_AcceptsWithOneButton(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere");
        var (_, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Omar", "Offer", "Button Org");
        var email = InvitationSupport.NewEmail("signed");
        var known = await app.SeedMemberAsync(elsewhere, email, [new GrantSpec("viewer", null)], firstName: "Sia", lastName: "Signed");
        await app.SetPasswordAsync(known.UserId, "the signed-in password");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("member", null)]);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.SubmitSignInAsync(email, "the signed-in password");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Sia Signed" })).ToBeVisibleAsync();

        await page.GotoAsync(await app.LinkSentToAsync(email));
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You joined Button Org.");
        Assert.Equal(2, await app.MemberCountAsync(organization));
    }
}
