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

/// <summary>The accept-invitation page in real Chromium: joining with a new account, with an existing one, and every dead link.</summary>
public sealed class AcceptPageTests(ServerPool servers, Browser browser)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NewUser_OpensTheEmailedLink_SetsNameAndPassword_AndIsSignedIn(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var organization = await app.CreateOrganizationAsync("Acme Page");
        var project = await app.CreateScopeAsync(organization, "Apollo");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Ada", lastName: "Admin");
        var email = InvitationSupport.NewEmail("nora");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("member", project), new GrantSpec("viewer", null)]);
        var link = await app.LinkSentToAsync(email);
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join Acme Page" })).ToBeVisibleAsync();
        var facts = page.Locator("dl.facts");
        await Assertions.Expect(facts).ToContainTextAsync("Ada Admin");
        await Assertions.Expect(facts).ToContainTextAsync("Member in the project Apollo");
        await Assertions.Expect(facts).ToContainTextAsync("Viewer across the whole organization");
        await Assertions.Expect(facts).ToContainTextAsync(email);
        await Assertions.Expect(facts).ToContainTextAsync("Expires");
        await page.JoinAsync("Nora", "Newcomer");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Nora Newcomer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You joined Acme Page.");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        var (memberId, verifiedAt) = await app.InDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var member = await db.Members.SingleAsync(m => m.OrganizationId == organization && m.UserId == user.Id);
            return (member.Id, user.EmailVerifiedAt);
        });
        Assert.NotNull(verifiedAt);
        var shown = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/members/{memberId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKindString, shown.GetProperty("lastLoginAt").ValueKind);
        Assert.Equal(2, shown.GetProperty("grants").GetArrayLength());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ExpiredLink_ShowsItsPage_NamingWhomToAsk(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Evan", "Expiry");
        var email = InvitationSupport.NewEmail();
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]))[0].GetProperty("id").GetGuid();
        var link = await app.LinkSentToAsync(email);
        await app.InDatabaseAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.OrganizationId == organization && i.Id == id);
            db.Entry(invitation).Property(i => i.ExpiresAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });

        var page = await browser.OpenAsync(app, link);

        await using var pageContext = page.Context;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This invitation has expired" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ask Evan Expiry to resend it.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join" })).ToHaveCountAsync(0);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RevokedLink_ShowsItsPage_NamingWhomToAsk(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Rita", "Revoker");
        var email = InvitationSupport.NewEmail();
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]))[0].GetProperty("id").GetGuid();
        var link = await app.LinkSentToAsync(email);
        await (await admin.Client.PostAsync($"/api/v1/organizations/{organization}/invitations/{id}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        var page = await browser.OpenAsync(app, link);

        await using var pageContext = page.Context;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This invitation was withdrawn" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("withdrawn; ask Rita Revoker for a new one");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OldLinkAfterAResend_ShowsTheReplacedLinkPage_AndTheNewLinkWorks(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Rhea", "Resender");
        var email = InvitationSupport.NewEmail();
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]))[0].GetProperty("id").GetGuid();
        var oldLink = await app.LinkSentToAsync(email);
        await (await admin.Client.PostAsync($"/api/v1/organizations/{organization}/invitations/{id}/resend", null)).ExpectAsync(HttpStatusCode.OK);

        var page = await browser.OpenAsync(app, oldLink);

        await using var pageContext = page.Context;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This invitation link does not work" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Use the link in the newest invitation email, or ask the person who invited you to resend it.");
        await page.GotoAsync(await app.LinkSentToAsync(email, "invitation_resent"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join Org" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UsedLink_OpenedAgain_SaysSignInInstead(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Uma", "User");
        var email = InvitationSupport.NewEmail();
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var link = await app.LinkSentToAsync(email);
        var first = await browser.OpenAsync(app, link);
        await using var firstContext = first.Context;
        await first.JoinAsync("Una", "Used");
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Una Used" })).ToBeVisibleAsync();

        var again = await browser.OpenAsync(app, link);

        await using var againContext = again.Context;

        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "This invitation was already used" })).ToBeVisibleAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("sign in with the account that accepted it");
        await Assertions.Expect(again.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveAttributeAsync("href", "/account/sign-in");
        Assert.Equal(2, await app.MemberCountAsync(organization));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LinkOfSomeoneAlreadyMember_SaysSignInInstead(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Abe", "Already");
        var email = InvitationSupport.NewEmail("member");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        await app.SeedMemberAsync(organization, email, [new GrantSpec("viewer", null)]);

        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are already a member" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{email} is already a member of this organization; sign in instead.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LinkWhenNoSeatIsFree_ShowsTheSeatLimitPage_AndOffersNoForm(string store)
    {
        var app = await servers.GetListeningAsync(store);
        var organization = await app.CreateOrganizationAsync("Full House", seatLimit: 2);
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Admin", lastName: "Test");
        var email = InvitationSupport.NewEmail("late");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("seated"), [new GrantSpec("viewer", null)]);

        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No seat is free" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This needs 1 seat but 0 of 2 are free");
        await Assertions.Expect(page.GetByText("Ask Admin Test to free a seat for you, then open this link again.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join" })).ToHaveCountAsync(0);
        Assert.Null(await app.UserAsync(email));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NewUserForm_BadInput_IsShownNextToTheFields_AndCreatesNoAccount(string store)
    {
        var (app, organization, admin) = await servers.OrganizationWithAdminAsync(store, "Fay", "Former");
        var email = InvitationSupport.NewEmail("typo");
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;

        await page.JoinAsync("", new string('L', 101), "short", "shorter");

        await Assertions.Expect(page.Field("First name").Locator(".validation-message")).ToHaveTextAsync("Enter your first name.");
        await Assertions.Expect(page.Field("Last name").Locator(".validation-message")).ToHaveTextAsync("A last name has at most 100 characters.");
        await Assertions.Expect(page.Field("Password").Locator(".validation-message")).ToContainTextAsync("at least 12 characters");
        await Assertions.Expect(page.Field("Confirm password").Locator(".validation-message")).ToHaveTextAsync("The two passwords are not the same; type them again.");
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");

        await page.JoinAsync("Fine", "Name", "a perfectly long password", "a perfectly long passwort");

        await Assertions.Expect(page.Field("Confirm password").Locator(".validation-message")).ToHaveTextAsync("The two passwords are not the same; type them again.");
        await Assertions.Expect(page.Field("First name").Locator(".validation-message")).ToHaveCountAsync(0);
        Assert.Null(await app.UserAsync(email));
        Assert.Equal(1, await app.MemberCountAsync(organization));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "invitation.accepted")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WhereVerifiedEmailIsRequired_AcceptingCountsAsVerification_AndSignInWorks(string store)
    {
        var app = await servers.GetListeningAsync(store, "facilities");
        var organization = await app.CreateOrganizationAsync("Facility Co");
        var email = InvitationSupport.NewEmail("facility");
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("administrator", null)]);
        var page = await browser.OpenAsync(app, await app.LinkSentToAsync(email));
        await using var pageContext = page.Context;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join Facility Co" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("Product support");

        await page.JoinAsync("Fran", "Facility");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Fran Facility" })).ToBeVisibleAsync();
        await using var later = await browser.NewContextAsync(app.BaseUrl);
        var again = await later.NewPageAsync();
        await again.SubmitSignInAsync(email, AcceptPageSupport.Password);
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Fran Facility" })).ToBeVisibleAsync();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithoutAToken_ThePageSaysWhereTheLinkComesFrom(string store)
    {
        var app = await servers.GetAsync(store);

        var html = await (await app.CreateClient().GetAsync("/invitations/accept")).Content.ReadAsStringAsync();

        Assert.Contains("open the link in the invitation email", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;
}
