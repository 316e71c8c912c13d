using System.Net;
using System.Net.Http.Headers;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Deactivating or removing a member ends their products' tokens for that organization within the same request.</summary>
public sealed class OidcDeactivationTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivatedMember_RefreshRefused_IntrospectionInactive_UserinfoRefused_NoNewTokens_FromTheSameRequest(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Deactivation");
        var other = await app.CreateOrganizationAsync("Still here");
        var (member, email) = await OidcFlow.PersonAsync(app, organizationId, "member");
        await app.SeedMemberAsync(other, email);
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email, new Dictionary<string, string?> { ["organization"] = organizationId.ToString() });
        var keep = await OidcFlow.SignInToTokensAsync(app, client, email, new Dictionary<string, string?> { ["organization"] = other.ToString() });
        using var http = app.CreateClient();

        (await app.Operator.PostAsync($"/api/v1/organizations/{organizationId}/members/{member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        // Nothing else ran in between: the deactivation's own request revoked them in the database.
        await AssertRevokedInTheDatabaseAsync(app, member.UserId, organizationId);
        var refresh = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(refresh, HttpStatusCode.BadRequest));
        Assert.False((await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(userInfo)).StatusCode);
        using var browser = await OidcFlow.SignedInAsync(app, email);
        var again = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, OidcFlow.Pkce().Challenge, extra: new Dictionary<string, string?> { ["organization"] = organizationId.ToString() }));
        Assert.Equal("access_denied", again.Parameters["error"]);
        Assert.Contains("was deactivated", again.Parameters["error_description"], StringComparison.Ordinal);
        // The other organization's tokens are untouched.
        Assert.True((await OidcFlow.IntrospectAsync(http, client, keep.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = keep.GetProperty("refresh_token").GetString()! })).EnsureSuccessStatusCode();
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemovedMember_TheirRefreshTokenIsRevokedByTheRemoval(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Removal");
        var (member, email) = await OidcFlow.PersonAsync(app, organizationId, "member");
        await app.SeedMemberAsync(await app.CreateOrganizationAsync("Elsewhere"), email);
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email, new Dictionary<string, string?> { ["organization"] = organizationId.ToString() });
        using var http = app.CreateClient();

        (await app.Operator.DeleteAsync($"/api/v1/organizations/{organizationId}/members/{member.MemberId}")).EnsureSuccessStatusCode();

        await AssertRevokedInTheDatabaseAsync(app, member.UserId, organizationId);
        var refresh = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(refresh, HttpStatusCode.BadRequest));
        Assert.False((await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
    }

    /// <summary>Every token of the person's sign-ins to that organization (there are some) is revoked in the database.</summary>
    private static async Task AssertRevokedInTheDatabaseAsync(GatehouseApp app, Guid userId, Guid organizationId)
    {
        var subject = userId.ToString();
        var organization = organizationId.ToString();
        var states = await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Subject == subject && t.Authorization!.Properties!.Contains(organization)).Select(t => t.Type + ":" + t.Status).ToListAsync());
        Assert.Contains(states, s => s.Contains("refresh_token:", StringComparison.Ordinal));
        Assert.All(states, s => Assert.EndsWith(":revoked", s, StringComparison.Ordinal));
    }
}
