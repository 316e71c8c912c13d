using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.Data.Records;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>The provider's keys: made on first start, kept encrypted in the database, the same on every node, rotated by the operator command.</summary>
public sealed class OidcKeyTests
{
    internal static readonly Dictionary<string, string> Enabled = new() { ["Gatehouse:Oidc:Enabled"] = "true" };

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FirstStart_MakesKeysStoredEncrypted_AndTheJwksPublishesTheSigningKey(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false, settings: Enabled);
        using var client = app.CreateClient();

        var kids = await JwksKidsAsync(client);

        var keys = await app.InDatabaseAsync(db => db.OidcKeys.ToListAsync());
        Assert.Equal(2, keys.Count);
        var signing = Assert.Single(keys, k => k.Use == OidcKeyUse.Signing);
        Assert.Equal([signing.Id.ToString("N")], kids);
        foreach (var key in keys)
        {
            // What the database holds is Data Protection ciphertext, not a private key anyone could load.
            using var rsa = RSA.Create();
            Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key.ProtectedKey), out _));
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task KeysRotate_PublishesTheNewKeyFirstAndTheOldOne_OnEveryNode_AndIsAudited(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false, settings: Enabled);
        using var client = app.CreateClient();
        var before = await JwksKidsAsync(client);
        await using var node = GatehouseApp.AnotherNode(app);
        using var nodeClient = node.CreateClient();
        Assert.Equal(before, await JwksKidsAsync(nodeClient));

        var (exit, output) = await GatehouseCommand.RunAsync("keys", "rotate", "--json", "--database", store, "--connection-string", app.ConnectionString);

        Assert.True(exit == 0, output);
        var made = JsonDocument.Parse(output).RootElement.GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(2, made.Count);
        // The command ran in its own process: this node picks the keys up on its next check.
        await app.Services.GetRequiredService<OidcKeyRing>().LoadAsync(CancellationToken.None);
        await node.Services.GetRequiredService<OidcKeyRing>().LoadAsync(CancellationToken.None);
        var after = await JwksKidsAsync(client);
        Assert.Equal(2, after.Count);
        Assert.Contains(after[0], made);
        Assert.Equal(before[0], after[1]);
        Assert.Equal(after, await JwksKidsAsync(nodeClient));
        var audited = await app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.Action == "oidc.keys.rotated").ToListAsync());
        Assert.Equal("gatehouse command", Assert.Single(audited).ActorName);
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Production", "/etc/gatehouse/key-ring.pfx", false)]
    [InlineData("Development", null, false)]
    public void TheProvider_RefusesToStartInProduction_OnlyWithoutAnEncryptedKeyRing(string environment, string? certificate, bool refused)
    {
        var options = new GatehouseOptions { Oidc = { Enabled = true }, KeyRing = { CertificatePath = certificate } };
        var host = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };

        var refusal = Record.Exception(() => new ServiceCollection().AddOidcProvider(options, host));

        if (refused)
        {
            Assert.Equal(OidcServerSetup.UnencryptedKeyRingRefusal, Assert.IsType<StartupRefusedException>(refusal).Message);
        }
        else
        {
            Assert.Null(refusal);
        }
    }

    internal static async Task<List<string>> JwksKidsAsync(HttpClient client)
    {
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
