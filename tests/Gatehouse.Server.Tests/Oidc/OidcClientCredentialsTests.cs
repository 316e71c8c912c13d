using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Client credentials: a confidential client registered for one organization acts as a service of it.</summary>
public sealed class OidcClientCredentialsTests(OidcServers servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ConfidentialClientOfAnOrganization_GetsATokenNamingIt_WithNoPerson(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Service Org");
        var client = await OidcFlow.RegisterAsync(app, "confidential", organizationId: organizationId);
        using var http = app.CreateClient();

        var tokens = await (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" })).ExpectAsync(HttpStatusCode.OK);

        var access = await OidcFlow.ValidateAsync(http, tokens.GetProperty("access_token").GetString()!, null);
        Assert.Equal(organizationId.ToString(), access.GetClaim("org_id").Value);
        Assert.Equal("Service Org", access.GetClaim("org_name").Value);
        Assert.Equal(client.ClientId, access.Subject);
        Assert.False(tokens.TryGetProperty("refresh_token", out _));
        Assert.True((await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        var listed = await (await app.Operator.GetAsync("/api/v1/platform/oidc-clients")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(organizationId.ToString(), listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == client.ClientId).GetProperty("organizationId").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceTokens_AreNotStored_YetIntrospectionAnswersForThem_AndTheSecretIsKeptAsSha256(string store)
    {
        var app = await servers.GetAsync(store);
        var organizationId = await app.CreateOrganizationAsync("Unstored");
        var client = await OidcFlow.RegisterAsync(app, "confidential", organizationId: organizationId);
        using var http = app.CreateClient();

        var tokens = await (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" })).ExpectAsync(HttpStatusCode.OK);

        var (stored, secret) = await app.InDatabaseAsync(async db =>
        {
            var application = await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == client.ClientId);
            return (await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Application!.Id == application.Id), application.ClientSecret);
        });
        Assert.Equal(0, stored);
        Assert.Equal(Gatehouse.Server.Oidc.OidcApplicationManager.Prefix + Gatehouse.Core.Secrets.SecretToken.Hash(client.Secret!), secret);
        Assert.True((await OidcFlow.IntrospectAsync(http, client, tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ClientWithoutOrganization_OrPublic_OrWrongSecret_IsRefused_AndBadRegistrationsToo(string store)
    {
        var app = await servers.GetAsync(store);
        var noOrganization = await OidcFlow.RegisterAsync(app, "confidential");
        var spa = await OidcFlow.RegisterAsync(app);
        using var http = app.CreateClient();

        var unbound = await OidcFlow.TokenAsync(http, noOrganization, new() { ["grant_type"] = "client_credentials" });
        var publicClient = await OidcFlow.TokenAsync(http, spa, new() { ["grant_type"] = "client_credentials" });
        var wrongSecret = await OidcFlow.TokenAsync(http, noOrganization with { Secret = "ghs_wrong" }, new() { ["grant_type"] = "client_credentials" });
        var noGrant = await OidcFlow.TokenAsync(http, noOrganization, new());

        Assert.Equal("unauthorized_client", await OidcFlow.ErrorAsync(unbound, HttpStatusCode.BadRequest));
        Assert.Contains(await OidcFlow.ErrorAsync(publicClient, HttpStatusCode.BadRequest), new[] { "unauthorized_client", "invalid_client", "invalid_request" });
        Assert.Equal("invalid_client", await OidcFlow.ErrorAsync(wrongSecret, HttpStatusCode.Unauthorized));
        Assert.Equal("invalid_request", await OidcFlow.ErrorAsync(noGrant, HttpStatusCode.BadRequest));
        foreach (var (type, organizationId) in new[] { ("confidential", Guid.NewGuid()), ("public", await app.CreateOrganizationAsync("Public")) })
        {
            var refused = await (await app.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new { name = "Bad", type, redirectUris = new[] { "https://a.example.com/cb" }, organizationId }))
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", refused.GetProperty("code").GetString());
            Assert.Contains("organizationId", refused.GetRawText(), StringComparison.Ordinal);
        }
    }
}
