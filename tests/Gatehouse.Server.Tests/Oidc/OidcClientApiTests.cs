using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Registering the products that sign people in through Gatehouse: platform operators only, secret shown once and kept hashed, audited.</summary>
public sealed class OidcClientApiTests(ServerPool servers)
{
    private const string Clients = "/api/v1/platform/oidc-clients";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_RegistersAConfidentialClient_SeesTheSecretOnce_TheDatabaseHoldsOnlyAHash_AndItIsAudited(string store)
    {
        var app = await servers.GetAsync(store);
        var name = $"Billing {Guid.NewGuid():N}";

        var created = await (await app.Operator.PostAsJsonAsync(Clients, new
        {
            name, type = "confidential", redirectUris = new[] { "https://billing.example.com/signin-oidc" },
            postLogoutRedirectUris = new[] { "https://billing.example.com/signout-callback-oidc" }, parRequired = true, firstParty = true,
        })).ExpectAsync(HttpStatusCode.Created);

        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.StartsWith("ghs_", secret, StringComparison.Ordinal);
        var stored = await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == clientId));
        Assert.NotNull(stored.ClientSecret);
        Assert.DoesNotContain(secret, stored.ClientSecret, StringComparison.Ordinal);
        var listed = Assert.Single((await (await app.Operator.GetAsync(Clients)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(),
            c => c.GetProperty("clientId").GetString() == clientId);
        Assert.Equal(name, listed.GetProperty("name").GetString());
        Assert.True(listed.GetProperty("parRequired").GetBoolean());
        Assert.True(listed.GetProperty("firstParty").GetBoolean());
        Assert.Equal(["https://billing.example.com/signin-oidc"], listed.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        var audited = await app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.Action == "oidc_client.created" && e.TargetId == clientId).ToListAsync());
        Assert.DoesNotContain(secret, Assert.Single(audited).After ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AMemberWhoIsNoOperator_IsRefused_AndBadRedirectUris_AreRefusedWithTheField_NothingSaved(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Oidc Clients");
        var admin = await app.SeedMemberAsync(organization, $"admin{Guid.NewGuid():N}@example.com", [new GrantSpec("admin", null)]);
        var before = await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync());

        var refused = await (await admin.Client.PostAsJsonAsync(Clients, new { name = "Mine", type = "public", redirectUris = new[] { "https://a.example.com/cb" } }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("platform_operator_required", refused.GetProperty("code").GetString());
        foreach (var bad in new[] { "http://app.example.com/cb", "https://app.example.com/cb#x", "/relative" })
        {
            var invalid = await (await app.Operator.PostAsJsonAsync(Clients, new { name = "Bad", type = "public", redirectUris = new[] { bad } }))
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", invalid.GetProperty("code").GetString());
            Assert.Contains("redirectUris", invalid.GetRawText(), StringComparison.Ordinal);
        }
        var wrongType = await (await app.Operator.PostAsJsonAsync(Clients, new { name = "Bad", type = "secret", redirectUris = new[] { "https://a.example.com/cb" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", wrongType.GetProperty("code").GetString());

        Assert.Equal(before, await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Cli_RegistersAPublicClientWithoutSecret_AndListsIt(string store)
    {
        var app = await servers.GetAsync(store);
        string[] database = ["--database", store, "--connection-string", app.ConnectionString];
        var name = $"Spa {Guid.NewGuid():N}";

        var (exit, output) = await GatehouseCommand.RunAsync(["oidc-clients", "create", "--name", name, "--type", "public", "--redirect-uri", "http://127.0.0.1:5173/callback", "--json", .. database]);
        var (listExit, listed) = await GatehouseCommand.RunAsync(["oidc-clients", "list", .. database]);

        Assert.True(exit == 0, output);
        var created = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("clientSecret").ValueKind);
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        Assert.True(listExit == 0, listed);
        Assert.Contains($"{clientId}  {name}  (public)  http://127.0.0.1:5173/callback", listed, StringComparison.Ordinal);
    }
}
