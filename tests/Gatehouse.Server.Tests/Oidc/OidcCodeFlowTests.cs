using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>The authorization code flow with PKCE through Gatehouse's own sign-in page: signed tokens with the organization, userinfo, discovery.</summary>
public sealed class OidcCodeFlowTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CodeFlow_SignsInThroughTheSignInPage_AndIssuesSignedTokensWithTheOrganization_AndUserinfoAgrees(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Org " + Guid.NewGuid().ToString("N")[..6]);
        var (member, email) = await OidcFlow.PersonAsync(app, organizationId);
        var client = await OidcFlow.RegisterAsync(app);
        using var browser = app.PageClient();
        var (verifier, challenge) = OidcFlow.Pkce();

        var toSignIn = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge));
        Assert.Contains("/account/sign-in?ReturnUrl=", toSignIn.PageUrl, StringComparison.Ordinal);
        var back = await OidcFlow.SignInThenFollowAsync(browser, client, toSignIn.PageUrl!, email);
        using var http = app.CreateClient();
        var tokens = await OidcFlow.RedeemAsync(http, client, back.Code, verifier);

        Assert.Equal(OidcFlow.Issuer, back.Parameters["iss"]);
        var id = await OidcFlow.ValidateAsync(http, tokens.GetProperty("id_token").GetString()!, client.ClientId);
        Assert.Equal(member.UserId.ToString(), id.Subject);
        Assert.Equal(organizationId.ToString(), id.GetClaim("org_id").Value);
        Assert.StartsWith("Org ", id.GetClaim("org_name").Value, StringComparison.Ordinal);
        Assert.Equal(["Admin"], id.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal(("Grace Hopper", "Grace", "Hopper", email, "false"),
            (id.GetClaim("name").Value, id.GetClaim("given_name").Value, id.GetClaim("family_name").Value, id.GetClaim("email").Value, id.GetClaim("email_verified").Value));
        Assert.True(id.TryGetPayloadValue<long>("auth_time", out _));
        var access = await OidcFlow.ValidateAsync(http, tokens.GetProperty("access_token").GetString()!, null);
        Assert.Equal(organizationId.ToString(), access.GetClaim("org_id").Value);
        Assert.False(access.TryGetClaim("email", out _));
        Assert.DoesNotContain(access.Claims, c => c.Type.Contains("perm", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(JsonValueKind.String, tokens.GetProperty("refresh_token").ValueKind);
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var claims = await (await http.SendAsync(userInfo)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((member.UserId.ToString(), organizationId.ToString(), email, "Grace Hopper"),
            (claims.GetProperty("sub").GetString(), claims.GetProperty("org_id").GetString(), claims.GetProperty("email").GetString(), claims.GetProperty("name").GetString()));
        Assert.Equal(["Admin"], claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Discovery_NamesEveryEndpointFromThePublicUrl_NotTheHostHeader_AndS256Only(string store)
    {
        var app = await servers.GetAsync(store);
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "localhost:5999";

        var discovery = await (await http.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(OidcFlow.Issuer, discovery.GetProperty("issuer").GetString());
        foreach (var (name, path) in new[] { ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"), ("userinfo_endpoint", "connect/userinfo"),
            ("end_session_endpoint", "connect/endsession"), ("revocation_endpoint", "connect/revoke"), ("introspection_endpoint", "connect/introspect"),
            ("pushed_authorization_request_endpoint", "connect/par"), ("jwks_uri", ".well-known/jwks") })
        {
            Assert.Equal(OidcFlow.Issuer + path, discovery.GetProperty(name).GetString());
        }
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Contains("org_id", discovery.GetProperty("claims_supported").EnumerateArray().Select(c => c.GetString()));
    }
}
