using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// Client registrations and organization names are kept in memory across requests (a client credentials token reads
/// nothing from the database once its client was seen), and a change is seen at once: on the node that made it, and
/// through PostgreSQL on the others. Each test has servers of its own, since it records every query a server makes.
/// </summary>
public sealed class OidcClientMemoryTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceToken_AfterTheFirst_ReadsNeitherClientNorOrganization_YetARenameOrADeletionShowsAtOnce(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var organizationId = await app.CreateOrganizationAsync("Kept Org");
        var client = await OidcFlow.RegisterAsync(app, "confidential", organizationId: organizationId);
        using var http = app.CreateClient();
        await ServiceTokenAsync(http, client);

        using (var commands = DatabaseCommands.Start(app.ConnectionString))
        {
            Assert.Equal("Kept Org", OrganizationNameIn(await ServiceTokenAsync(http, client)));
            Assert.Empty(commands.Naming("\"oidc_applications\""));
            Assert.Empty(commands.Naming("\"organizations\""));
        }

        await (await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organizationId}", new { name = "Renamed Org" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed Org", OrganizationNameIn(await ServiceTokenAsync(http, client)));

        await DeleteRegistrationAsync(app, client.ClientId);
        Assert.Equal("invalid_client", await OidcFlow.ErrorAsync(await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" }), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task RenameOrDeletionOnOneNode_ReachesTheOtherNodesKeptCopies_ThroughPostgres()
    {
        await using var first = await GatehouseApp.StartAsync("postgres", settings: OidcKeyTests.Enabled);
        await using var second = GatehouseApp.AnotherNode(first);
        var organizationId = await first.CreateOrganizationAsync("Shared Org");
        var client = await OidcFlow.RegisterAsync(first, "confidential", organizationId: organizationId);
        using var onSecond = second.CreateClient();
        Assert.Equal("Shared Org", OrganizationNameIn(await ServiceTokenAsync(onSecond, client))); // the second node now keeps both

        await (await first.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organizationId}", new { name = "Shared Org, renamed" })).ExpectAsync(HttpStatusCode.OK);
        var name = await Eventually.ReadAsync(async () => OrganizationNameIn(await ServiceTokenAsync(onSecond, client)), n => n == "Shared Org, renamed");
        Assert.Equal("Shared Org, renamed", name);

        await DeleteRegistrationAsync(first, client.ClientId);
        var status = await Eventually.ReadAsync(async () => (await OidcFlow.TokenAsync(onSecond, client, new() { ["grant_type"] = "client_credentials" })).StatusCode,
            s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static async Task<string> ServiceTokenAsync(HttpClient http, TestClient client) =>
        (await (await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "client_credentials" })).ExpectAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString()!;

    private static string OrganizationNameIn(string accessToken) => new JsonWebToken(accessToken).GetClaim("org_name").Value;

    /// <summary>Deletes a registration through OpenIddict's manager on that node (Gatehouse has no deletion of its own yet).</summary>
    private static async Task DeleteRegistrationAsync(GatehouseApp app, string clientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.DeleteAsync(await applications.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException("No such client."));
    }
}
