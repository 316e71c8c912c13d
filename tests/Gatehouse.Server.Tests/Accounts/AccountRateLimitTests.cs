using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The per-address limits on the account forms and the per-caller limit on resending invitations.</summary>
public sealed class AccountRateLimitTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignInPosts_OverTheLimit_Get429WithRetryAfter_WhileReadingThePageStillWorks(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string> { ["Gatehouse:Accounts:SignInAttemptsPerMinute"] = "3" });
        var client = app.PageClient();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("someone@example.com", "a wrong password here")).StatusCode);
        }
        var limited = await client.SignInAsync("someone@example.com", "a wrong password here");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 says when to come back.");
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        var page = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts from your address in a short time. Wait", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PasswordResetAndAcceptPosts_AreLimitedByPath_EachWithItsOwnAllowance(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string>
        {
            ["Gatehouse:Accounts:PasswordResetRequestsPerMinute"] = "2",
            ["Gatehouse:Accounts:InvitationAcceptsPerMinute"] = "1",
        });
        var client = app.PageClient();
        var form = new Dictionary<string, string> { ["email"] = "someone@example.com" };

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/account/forgot-password", new FormUrlEncodedContent(form))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/account/reset-password", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/account/forgot-password", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/account/resend-verification", new FormUrlEncodedContent(form))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/account/forgot-password")).StatusCode);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsync("/invitations/accept", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/invitations/accept?token=x", new FormUrlEncodedContent(form))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SignInAsync("someone@example.com", "a wrong password here")).StatusCode);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ResendingInvitations_IsLimitedPerCaller_WithTheApisProblem(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string> { ["Gatehouse:Accounts:InvitationResendsPerMinute"] = "2" });
        var organization = await app.CreateOrganizationAsync();
        var owner = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("owner"), owner: true, fullAccess: true);
        var invitations = await app.Operator.InviteAsync(organization, [InvitationSupport.NewEmail()], [new GrantSpec("member", null)]);
        var resend = $"/api/v1/organizations/{organization}/invitations/{invitations[0].GetProperty("id").GetGuid()}/resend";

        await (await app.Operator.PostAsync(resend, null)).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator.PostAsync(resend, null)).ExpectAsync(HttpStatusCode.OK);
        var limited = await app.Operator.PostAsync(resend, null);

        await limited.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 says when to come back.");
        await (await owner.Client.PostAsync(resend, null)).ExpectAsync(HttpStatusCode.OK);
    }
}
