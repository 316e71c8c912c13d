using System.Net;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Refresh tokens rotate, a reused one revokes its chain (leeway 0), revocation (RFC 7009) and introspection (RFC 7662).</summary>
public sealed class OidcRefreshTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Refresh_RotatesTheToken_AndReusingTheOldOne_RevokesTheWholeChain(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Refresh"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var first = (await OidcFlow.SignInToTokensAsync(app, client, email)).GetProperty("refresh_token").GetString()!;
        using var http = app.CreateClient();

        var second = (await (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first })).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("refresh_token").GetString()!;
        var reused = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        var afterReuse = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = second });

        Assert.NotEqual(first, second);
        // Entries for what may be redeemed, rotated or revoked (the code, refresh tokens, the person's access tokens); none for ID tokens.
        var kinds = await app.InDatabaseAsync(async db => (await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Application!.ClientId == client.ClientId).Select(t => t.Type!).ToListAsync()).Select(k => k[(k.LastIndexOf(':') + 1)..]).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["access_token", "authorization_code", "refresh_token"], kinds);
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(reused, HttpStatusCode.BadRequest));
        // The thief or the second tab presented a replaced token: the token that replaced it is revoked too.
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(afterReuse, HttpStatusCode.BadRequest));
        Assert.False((await OidcFlow.IntrospectAsync(http, client, second)).GetProperty("active").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revocation_EndsTheRefreshToken_IntrospectionSaysSo_AndBadRequestsChangeNothing(string store)
    {
        var app = await servers.GetAsync(store);
        var (member, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Revoke"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        using var http = app.CreateClient();
        var active = await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("access_token").GetString()!);
        Assert.True(active.GetProperty("active").GetBoolean());
        Assert.Equal(member.UserId.ToString(), active.GetProperty("sub").GetString());
        var before = await TokenStatesAsync(app, client.ClientId);

        var noToken = await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = client.ClientId, ["client_secret"] = client.Secret! }));
        var wrongSecret = await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = client.ClientId, ["client_secret"] = "wrong", ["token"] = refresh }));
        var introspectNothing = await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = client.ClientId, ["client_secret"] = client.Secret! }));
        Assert.Equal("invalid_request", await OidcFlow.ErrorAsync(noToken, HttpStatusCode.BadRequest));
        Assert.Equal("invalid_client", await OidcFlow.ErrorAsync(wrongSecret, HttpStatusCode.Unauthorized));
        Assert.Equal("invalid_request", await OidcFlow.ErrorAsync(introspectNothing, HttpStatusCode.BadRequest));
        Assert.Equal(before, await TokenStatesAsync(app, client.ClientId));

        (await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = client.ClientId, ["client_secret"] = client.Secret!, ["token"] = refresh, ["token_type_hint"] = "refresh_token" }))).EnsureSuccessStatusCode();

        Assert.False((await OidcFlow.IntrospectAsync(http, client, refresh)).GetProperty("active").GetBoolean());
        var refused = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(refused, HttpStatusCode.BadRequest));
    }

    /// <summary>Every token of the client with its status, to show that a refused request changed nothing.</summary>
    internal static Task<string> TokenStatesAsync(GatehouseApp app, string clientId) => app.InDatabaseAsync(async db =>
        string.Join(",", (await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking().Where(t => t.Application!.ClientId == clientId)
            .Select(t => t.Id + ":" + t.Status).ToListAsync()).Order(StringComparer.Ordinal)));
}
