using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.Data.Records;
using Gatehouse.Server.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// The encryption key seals what only Gatehouse opens (codes, refresh tokens): 256 random bits with AES key wrap, not RSA, so
/// redeeming a code or refreshing costs no private-key operation for it; an RSA key made by an earlier version still opens
/// the refresh tokens it sealed.
/// </summary>
public sealed class OidcEncryptionKeyTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheEncryptionKey_IsSymmetric_AndSealsRefreshTokens(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var refresh = await RefreshTokenAsync(app, "Sealed");

        var key = await app.InDatabaseAsync(db => db.OidcKeys.SingleAsync(k => k.Use == OidcKeyUse.Encryption));

        Assert.Equal(32, Unprotect(app, key).Length);
        var header = Header(refresh);
        Assert.Equal("A256KW", header.GetProperty("alg").GetString());
        Assert.Equal(key.Id.ToString("N"), header.GetProperty("kid").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ARefreshTokenSealedByAnEarlierRsaKey_StillRefreshes_AndItsSuccessorIsSealedByTheNewKey(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var ring = app.Services.GetRequiredService<OidcKeyRing>();
        // A database from before: its current encryption key is RSA.
        using var rsa = RSA.Create(2048);
        var legacy = new OidcKey
        {
            Id = Guid.CreateVersion7(), Use = OidcKeyUse.Encryption, CreatedAt = DateTimeOffset.UtcNow,
            ProtectedKey = Convert.ToBase64String(Protector(app).Protect(rsa.ExportPkcs8PrivateKey())),
        };
        await app.InDatabaseAsync(async db =>
        {
            await db.OidcKeys.Where(k => k.Use == OidcKeyUse.Encryption).ExecuteDeleteAsync();
            db.OidcKeys.Add(legacy);
            return await db.SaveChangesAsync();
        });
        await ring.LoadAsync(CancellationToken.None);
        using var http = app.CreateClient();
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Legacy key"));
        var before = (await OidcFlow.SignInToTokensAsync(app, client, email)).GetProperty("refresh_token").GetString()!;
        Assert.Equal("RSA-OAEP", Header(before).GetProperty("alg").GetString());

        var made = await ring.RotateAsync(new Gatehouse.Application.Audit.AuditLog.Actor(null, "test"), null, CancellationToken.None);
        var answer = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = before });

        var after = (await answer.ExpectAsync(HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;
        var header = Header(after);
        Assert.Equal("A256KW", header.GetProperty("alg").GetString());
        Assert.Contains(Guid.ParseExact(header.GetProperty("kid").GetString()!, "N"), made);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ARefreshToken_OutlivesTheRsaKeyOfItsTime_SinceWhatSealsItAlsoSignsIt(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var ring = app.Services.GetRequiredService<OidcKeyRing>();
        using var http = app.CreateClient();
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync("Outlives"));
        var tokens = await OidcFlow.SignInToTokensAsync(app, client, email);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        // Access and ID tokens stay RS256, checked against the published keys; the JWKS publishes no symmetric key.
        Assert.Equal("RS256", (await OidcFlow.ValidateAsync(http, tokens.GetProperty("access_token").GetString()!, null)).Alg);
        Assert.All((await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks")).GetProperty("keys").EnumerateArray(),
            k => Assert.Equal("RSA", k.GetProperty("kty").GetString()));

        // A rotation, then the day the retired RSA signing key stops being published (an hour after its access tokens expired):
        // the refresh token, which lives much longer, still refreshes.
        await ring.RotateAsync(new Gatehouse.Application.Audit.AuditLog.Actor(null, "test"), null, CancellationToken.None);
        await app.InDatabaseAsync(db => db.OidcKeys.Where(k => k.Use == OidcKeyUse.Signing && k.RetiredAt != null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await ring.LoadAsync(CancellationToken.None);
        Assert.Single(ring.Current.Signing);

        var answer = await OidcFlow.TokenAsync(http, client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        await answer.ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task<string> RefreshTokenAsync(GatehouseApp app, string organization)
    {
        var client = await OidcFlow.RegisterAsync(app, "confidential");
        var (_, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync(organization));
        return (await OidcFlow.SignInToTokensAsync(app, client, email)).GetProperty("refresh_token").GetString()!;
    }

    /// <summary>A JWE's protected header: its first segment.</summary>
    private static JsonElement Header(string jwe)
    {
        var segment = jwe.Split('.')[0].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment))).RootElement.Clone();
    }

    private static IDataProtector Protector(GatehouseApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Gatehouse.Oidc.Keys.v1");

    private static byte[] Unprotect(GatehouseApp app, OidcKey key) => Protector(app).Unprotect(Convert.FromBase64String(key.ProtectedKey));
}
