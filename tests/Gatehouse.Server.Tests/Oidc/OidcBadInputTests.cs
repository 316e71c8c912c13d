using System.Net;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Bad input on the provider's endpoints: the RFCs' error codes with a description, never a 500, nothing changed.</summary>
public sealed class OidcBadInputTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadAuthorizationRequests_AreRefusedWithOAuthErrors_AndIssueNothing(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Bad authorize"));
        var client = await OidcFlow.RegisterAsync(app);
        using var browser = await OidcFlow.SignedInAsync(app, email);
        var challenge = OidcFlow.Pkce().Challenge;
        var before = await OidcRefreshTests.TokenStatesAsync(app, client.ClientId);

        // OpenIddict sends an error back to the product only once the client and its redirect URI are known good; before that (or
        // without a response_type, which says how to answer) it shows the error here with 400, never redirecting anywhere.
        foreach (var (url, error, local) in new[]
        {
            (OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["response_type"] = null }), "invalid_request", true),
            (OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["response_type"] = "token" }), "unsupported_response_type", true),
            (OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["code_challenge"] = null, ["code_challenge_method"] = null }), "invalid_request", true),
            (OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["code_challenge_method"] = "plain" }), "invalid_request", true),
            (OidcFlow.AuthorizeUrl(client with { RedirectUri = client.RedirectUri + "/other" }, challenge), "invalid_request", true),
            (OidcFlow.AuthorizeUrl(client with { ClientId = "ghc_unknown" }, challenge), "invalid_request", true),
            ("/connect/authorize", "invalid_request", true),
            (OidcFlow.AuthorizeUrl(client, challenge, "openid admin:everything"), "invalid_scope", true),
        })
        {
            var outcome = await OidcFlow.FollowAsync(browser, client, url);
            if (local)
            {
                var body = await outcome.Page!.Content.ReadAsStringAsync();
                Assert.True(outcome.Page.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)outcome.Page.StatusCode} {body}");
                Assert.Null(outcome.Page.Headers.Location);
                Assert.Contains($"error:{error}\n", body, StringComparison.Ordinal);
                Assert.Contains("error_description:", body, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(outcome.Parameters.GetValueOrDefault("error") == error, $"{url}: {outcome.PageUrl} {string.Join(",", outcome.Parameters)}");
                Assert.False(string.IsNullOrWhiteSpace(outcome.Parameters["error_description"]));
            }
        }
        Assert.Equal(before, await OidcRefreshTests.TokenStatesAsync(app, client.ClientId));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadTokenRequests_CodeReuseWrongVerifierWrongRedirect_AreInvalidGrant_AndReuseRevokesWhatTheCodeGave(string store)
    {
        var app = await servers.GetAsync(store);
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Bad token"));
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        using var browser = await OidcFlow.SignedInAsync(app, email);
        using var http = app.CreateClient();
        var (verifier, challenge) = OidcFlow.Pkce();
        var code = (await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge))).Code;

        var wrongVerifier = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = OidcFlow.Pkce().Verifier, ["redirect_uri"] = client.RedirectUri });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(wrongVerifier, HttpStatusCode.BadRequest));
        var code2 = (await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge))).Code;
        var wrongRedirect = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "authorization_code", ["code"] = code2, ["code_verifier"] = verifier, ["redirect_uri"] = client.RedirectUri + "/x" });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(wrongRedirect, HttpStatusCode.BadRequest));
        var code3 = (await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge))).Code;
        var noVerifier = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "authorization_code", ["code"] = code3, ["redirect_uri"] = client.RedirectUri });
        Assert.Equal("invalid_request", await OidcFlow.ErrorAsync(noVerifier, HttpStatusCode.BadRequest));
        var code4 = (await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge))).Code;
        var tokens = await OidcFlow.RedeemAsync(http, client, code4, verifier);
        var reused = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "authorization_code", ["code"] = code4, ["code_verifier"] = verifier, ["redirect_uri"] = client.RedirectUri });
        var unknownGrant = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "password", ["username"] = email, ["password"] = "x" });
        var garbage = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "not-a-token" });

        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(reused, HttpStatusCode.BadRequest));
        Assert.Equal("unsupported_grant_type", await OidcFlow.ErrorAsync(unknownGrant, HttpStatusCode.BadRequest));
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(garbage, HttpStatusCode.BadRequest));
        // A reused code may have been stolen: what it gave is revoked (RFC 6749 §4.1.2).
        var refresh = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        Assert.Equal("invalid_grant", await OidcFlow.ErrorAsync(refresh, HttpStatusCode.BadRequest));
        var noToken = await http.GetAsync("/connect/userinfo");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }
}
