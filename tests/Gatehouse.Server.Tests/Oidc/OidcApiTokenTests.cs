using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Server.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>The REST API accepts a person's access token from Gatehouse's provider: as that person, in the token's organization only.</summary>
public sealed class OidcApiTokenTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ManagersToken_ListsMembersAndChangesAccess_AndTheAuditNamesThePerson(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Token managers");
        var (manager, email) = await OidcFlow.PersonAsync(app, organizationId, "admin", "Ada", "Token");
        var colleague = await app.SeedMemberAsync(organizationId, MembersApi.Email(), [new Gatehouse.Core.Grants.GrantSpec("member", null)]);
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email);
        using var api = WithBearer(app, tokens.GetProperty("access_token").GetString()!);

        var rows = await api.AllRowsAsync(organizationId);
        var changed = await api.PutAccessAsync(organizationId, colleague.MemberId, new[] { new { roleKey = "viewer", scopeId = (Guid?)null } });

        Assert.Contains(colleague.MemberId, rows.Ids());
        await changed.ExpectAsync(HttpStatusCode.OK);
        var audited = await app.InDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.TargetId == colleague.MemberId.ToString()).ToListAsync());
        Assert.NotEmpty(audited);
        Assert.All(audited, e => Assert.True(e.ActorUserId == manager.UserId && e.ActorName == "Ada Token", $"{e.Action} by {e.ActorName}"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivatedPerson_TheirUnexpiredToken_IsRefusedOnTheVeryNextCall(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Token deactivation");
        var (member, email) = await OidcFlow.PersonAsync(app, organizationId, "admin");
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email);
        using var api = WithBearer(app, tokens.GetProperty("access_token").GetString()!);
        (await api.GetAsync(MembersApi.Path(organizationId))).EnsureSuccessStatusCode();

        (await app.Operator.PostAsync(MembersApi.Path(organizationId, $"/{member.MemberId}/deactivate"), null)).EnsureSuccessStatusCode();

        var refused = await (await api.GetAsync(MembersApi.Path(organizationId))).ExpectProblemAsync(HttpStatusCode.Unauthorized, "token_not_eligible");
        Assert.Contains("was deactivated", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GarbageExpiredWrongAudienceIdAndServiceTokens_AreRefusedWith401Problems_WhileTheSameTokenResignedIsAccepted(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Token shapes");
        var (_, email) = await OidcFlow.PersonAsync(app, organizationId, "admin");
        var client = await OidcFlow.RegisterAsync(app, "confidential", organizationId: organizationId);
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email);
        var access = tokens.GetProperty("access_token").GetString()!;
        using var http = app.CreateClient();
        var service = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" });
        var members = MembersApi.Path(organizationId);

        // The control: the very same claims signed again with the provider's key pass, so each refusal below is for its one change.
        (await WithBearer(app, Resign(app, access, _ => { })).GetAsync(members)).EnsureSuccessStatusCode();
        var otherApi = Resign(app, access, payload => payload["aud"] = "https://billing.example.com/api");
        var refused = new Dictionary<string, string>
        {
            ["garbage"] = "not-a-token", ["altered"] = access[..^4] + (access[^4] == 'A' ? 'B' : 'A') + access[^3..],
            ["for another API"] = otherApi, ["an ID token"] = tokens.GetProperty("id_token").GetString()!,
        };
        foreach (var (what, token) in refused)
        {
            var answer = await WithBearer(app, token).GetAsync(members);
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)answer.StatusCode}");
            await answer.ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_access_token");
        }
        // Expired: the provider holds each token's expiry in its entry too, and that is the one OpenIddict trusts.
        var expiredAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var expired = Resign(app, access, payload => payload["exp"] = expiredAt.ToUnixTimeSeconds());
        var tokenId = JsonNode.Parse(Base64UrlEncoder.Decode(access.Split('.')[1]))!["oi_tkn_id"]!.GetValue<string>();
        await app.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().Where(t => t.Id == tokenId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpirationDate, expiredAt.UtcDateTime)));
        await (await WithBearer(app, expired).GetAsync(members)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_access_token");
        var serviceToken = (await service.ExpectAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        await (await WithBearer(app, serviceToken).GetAsync(members)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "service_token_not_accepted");
        // API keys keep working as they did, and an unknown one is still an API key problem.
        await (await app.ClientWithKey("ghk_unknown").GetAsync(members)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TokenOfOneOrganization_OnAnother_AnswersAsForAnOutsider_AndNeverAsProductSupport(string store)
    {
        var app = await servers.GetAsync(store);
        var mine = await app.CreateOrganizationAsync("Token home");
        var other = await app.CreateOrganizationAsync("Token elsewhere");
        // The platform operator, also an admin of both organizations, signs in to a product for the first one.
        await app.SeedMemberAsync(mine, "operator@gatehouse.test", [new Gatehouse.Core.Grants.GrantSpec("admin", null)]);
        var there = await app.SeedMemberAsync(other, "operator@gatehouse.test", [new Gatehouse.Core.Grants.GrantSpec("admin", null)]);
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        using var browser = app.PageClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("operator@gatehouse.test", "a long operator password")).StatusCode);
        var (verifier, challenge) = OidcFlow.Pkce();
        var outcome = await OidcFlow.FollowAsync(browser, client, OidcFlow.AuthorizeUrl(client, challenge, extra: new Dictionary<string, string?> { ["organization"] = mine.ToString() }));
        using var http = app.CreateClient();
        using var api = WithBearer(app, (await OidcFlow.RedeemAsync(http, client, outcome.Code, verifier)).GetProperty("access_token").GetString()!);

        var outsider = await (await api.GetAsync(MembersApi.Path(other))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        var unknown = await (await api.GetAsync(MembersApi.Path(Guid.Empty))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        Assert.Equal(unknown.GetProperty("detail").GetString()!.Replace(Guid.Empty.ToString(), "", StringComparison.Ordinal),
            outsider.GetProperty("detail").GetString()!.Replace(other.ToString(), "", StringComparison.Ordinal));
        await (await api.GetAsync(MembersApi.Path(other, $"/{there.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        await (await api.GetAsync("/api/v1/platform/oidc-clients")).ExpectProblemAsync(HttpStatusCode.Forbidden, "api_key_required");
        await (await api.PostAsync("/api/v1/api-keys", JsonContent.Create(new { name = "lasting" }))).ExpectProblemAsync(HttpStatusCode.Forbidden, "api_key_required");
        var organizations = await (await api.GetAsync("/api/v1/organizations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([mine], organizations.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        var me = await (await api.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(me.GetProperty("isPlatformOperator").GetBoolean());
        Assert.Equal([mine], me.GetProperty("memberships").EnumerateArray().Select(m => m.GetProperty("organizationId").GetGuid()));
        (await api.GetAsync(MembersApi.Path(mine))).EnsureSuccessStatusCode();
    }

    private static HttpClient WithBearer(GatehouseApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The token's payload, changed by <paramref name="change"/>, signed again with the provider's current key.</summary>
    private static string Resign(GatehouseApp app, string token, Action<JsonObject> change)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();
        change(payload);
        var signing = app.Services.GetRequiredService<OidcKeyRing>().Current.Signing[0];
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), signing, new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }
}
