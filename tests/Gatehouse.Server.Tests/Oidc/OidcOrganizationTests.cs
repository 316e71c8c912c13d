using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>A token names one organization: picked on a Gatehouse page, asked for by the product, or the only one.</summary>
public sealed partial class OidcOrganizationTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PersonInSeveralOrganizations_PicksOneOnTheGatehousePage_AndTheTokensNameIt(string store)
    {
        var app = await servers.GetAsync(store);
        var north = await app.CreateOrganizationAsync("North " + Guid.NewGuid().ToString("N")[..4]);
        var south = await app.CreateOrganizationAsync("South " + Guid.NewGuid().ToString("N")[..4]);
        var (_, email) = await OidcFlow.PersonAsync(app, north, "admin");
        await app.SeedMemberAsync(south, email, [new Gatehouse.Core.Grants.GrantSpec("member", null)]);
        var client = await OidcFlow.RegisterAsync(app);
        using var browser = await OidcFlow.SignedInAsync(app, email);
        var (verifier, challenge) = OidcFlow.Pkce();

        var picker = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge));
        Assert.Contains("/connect/organization?prompt=", picker.PageUrl, StringComparison.Ordinal);
        var page = await picker.Page!.Content.ReadAsStringAsync();
        Assert.Contains("North", page, StringComparison.Ordinal);
        Assert.Contains("South", page, StringComparison.Ordinal);
        var picked = await OidcFlow.PressAsync(browser, picker.PageUrl!, "pick-organization", "organization", south.ToString());
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var back = await OidcFlow.FollowAsync(browser, client, picked.Headers.Location!.OriginalString);
        using var http = app.CreateClient();
        var tokens = await OidcFlow.RedeemAsync(http, client, back.Code, verifier);

        var id = await OidcFlow.ValidateAsync(http, tokens.GetProperty("id_token").GetString()!, client.ClientId);
        Assert.Equal(south.ToString(), id.GetClaim("org_id").Value);
        Assert.StartsWith("South", id.GetClaim("org_name").Value, StringComparison.Ordinal);
        Assert.Equal(["Member"], id.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        var access = await OidcFlow.ValidateAsync(http, tokens.GetProperty("access_token").GetString()!, null);
        Assert.Equal(south.ToString(), access.GetClaim("org_id").Value);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProductAsksForTheOrganization_ByParameterOrOrgScope_NoPicker_ButNeverOneThePersonIsNotIn(string store)
    {
        var app = await servers.GetAsync(store);
        var north = await app.CreateOrganizationAsync("North");
        var south = await app.CreateOrganizationAsync("South");
        var stranger = await app.CreateOrganizationAsync("Stranger");
        var (_, email) = await OidcFlow.PersonAsync(app, north);
        await app.SeedMemberAsync(south, email);
        var client = await OidcFlow.RegisterAsync(app);
        using var browser = await OidcFlow.SignedInAsync(app, email);
        using var http = app.CreateClient();

        var (verifier, challenge) = OidcFlow.Pkce();
        var byScope = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, $"openid profile org:{south}"));
        var tokens = await (await OidcFlow.TokenAsync(http, client, new()
            { ["grant_type"] = "authorization_code", ["code"] = byScope.Code, ["code_verifier"] = verifier, ["redirect_uri"] = client.RedirectUri })).ExpectAsync(HttpStatusCode.OK);
        var byParameter = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["organization"] = north.ToString() }));
        var notAMember = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["organization"] = stranger.ToString() }));
        var notAnId = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["organization"] = "north" }));
        var silent = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.Equal(south.ToString(), (await OidcFlow.ValidateAsync(http, tokens.GetProperty("id_token").GetString()!, client.ClientId)).GetClaim("org_id").Value);
        Assert.DoesNotContain("org:", tokens.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.True(byParameter.Parameters.ContainsKey("code"));
        Assert.Equal(("access_denied", true), (notAMember.Parameters["error"], notAMember.Parameters["error_description"].Contains("not a member", StringComparison.Ordinal)));
        Assert.Equal("invalid_request", notAnId.Parameters["error"]);
        Assert.Equal("account_selection_required", silent.Parameters["error"]);
    }
}
