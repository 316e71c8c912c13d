using System.Security.Cryptography;
using Gatehouse.Application.Audit;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Gatehouse.Server.Oidc;

/// <summary>The keys a node loaded: current ones first, retired ones after them (still published, still accepted).</summary>
/// <param name="Signing">Signing credentials, the current key first.</param>
/// <param name="Encryption">Encryption credentials, the current key first.</param>
/// <param name="KeyIds">Every loaded key's id, to notice another node's rotation.</param>
/// <param name="Sealed">
/// HS256 credentials for what an encryption key seals (codes, refresh tokens), one derived from each AES encryption key, in the same
/// order: such a token is signed and sealed by keys that live exactly as long as each other.
/// </param>
public sealed record OidcKeySet(IReadOnlyList<SigningCredentials> Signing, IReadOnlyList<EncryptingCredentials> Encryption, string KeyIds,
    IReadOnlyList<SigningCredentials> Sealed);

/// <summary>
/// The provider's RSA keys, kept in <c>oidc_keys</c> with the private half protected by the Data Protection key ring, so
/// every node signs with the same key and a database reader alone cannot mint tokens. Generated on first start; a
/// rotation retires the current keys: a retired signing key stays published until the tokens it signed have expired, a
/// retired encryption key stays until the refresh tokens it sealed have.
/// </summary>
public sealed class OidcKeyRing(IDbContextFactory<GatehouseDb> databases, IDataProtectionProvider protection, TimeProvider time,
    IOptions<GatehouseOptions> options, IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    IOptionsMonitorCache<OpenIddict.Validation.OpenIddictValidationOptions> validationOptions)
{
    private const long RotationLockKey = 0x6761_7465_6F69_6463; // "gateoidc"
    private readonly IDataProtector _protector = protection.CreateProtector("Gatehouse.Oidc.Keys.v1");
    private volatile OidcKeySet? _current;

    /// <summary>The loaded keys, loading them (and generating the first ones) if this node has not yet.</summary>
    public OidcKeySet Current => _current ?? LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Generates keys if none is current, reads the published ones, and hands them to OpenIddict when they changed.</summary>
    public async Task<OidcKeySet> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await ChangeAsync(db, rotate: false, cancellationToken);
        var now = time.GetUtcNow();
        var keys = (await db.OidcKeys.Where(k => k.ExpiresAt == null || k.ExpiresAt > now).ToListAsync(cancellationToken))
            .OrderBy(k => k.RetiredAt is null ? 0 : 1).ThenByDescending(k => k.CreatedAt).ToList();
        var encryption = keys.Where(k => k.Use == OidcKeyUse.Encryption).Select(OpenEncryption).ToList();
        var set = new OidcKeySet(
            [.. keys.Where(k => k.Use == OidcKeyUse.Signing).Select(k => new SigningCredentials(Open(k), SecurityAlgorithms.RsaSha256))],
            [.. encryption.Select(e => e.Encryption)],
            string.Join(',', keys.Select(k => k.Id)),
            [.. encryption.Select(e => e.Sealed).OfType<SigningCredentials>()]);
        if (_current?.KeyIds != set.KeyIds)
        {
            _current = set;
            // OpenIddict rebuilds its options (and so its JWKS and validation keys) from this set on its next request.
            serverOptions.TryRemove(Options.DefaultName);
            // The REST API's token validation copies the server's keys when it builds its options: it rebuilds them too.
            validationOptions.TryRemove(Options.DefaultName);
        }
        return _current;
    }

    /// <summary>Retires the current keys and makes new ones at once; audited as a platform event. Returns the new keys' ids.</summary>
    public async Task<IReadOnlyList<Guid>> RotateAsync(AuditLog.Actor actor, string? ipAddress, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var made = await ChangeAsync(db, rotate: true, cancellationToken, actor, ipAddress);
        await LoadAsync(cancellationToken);
        return made;
    }

    /// <summary>Rotates when the current keys are older than the configured interval (run by every node; one does it).</summary>
    public async Task RotateIfDueAsync(CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow() - options.Value.Oidc.KeyRotationInterval;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.OidcKeys.AnyAsync(k => k.RetiredAt == null && k.CreatedAt <= due, cancellationToken))
        {
            await ChangeAsync(db, rotate: true, cancellationToken, new AuditLog.Actor(null, "key rotation schedule"), null, due);
        }
    }

    private async Task<IReadOnlyList<Guid>> ChangeAsync(GatehouseDb db, bool rotate, CancellationToken cancellationToken,
        AuditLog.Actor? actor = null, string? ipAddress = null, DateTimeOffset? onlyIfCreatedBefore = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            // Nodes starting or rotating at once: one makes the keys, the others then find them.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({RotationLockKey})", cancellationToken);
        }
        var now = time.ChangeTime();
        var current = await db.OidcKeys.Where(k => k.RetiredAt == null).ToListAsync(cancellationToken);
        if (onlyIfCreatedBefore is { } due && !current.Any(k => k.CreatedAt <= due))
        {
            return [];
        }
        var lifetimes = options.Value.Oidc;
        var made = new List<Guid>();
        foreach (var use in new[] { OidcKeyUse.Signing, OidcKeyUse.Encryption })
        {
            var inUse = current.Where(k => k.Use == use).ToList();
            if (inUse.Count > 0 && !rotate)
            {
                continue;
            }
            foreach (var old in inUse)
            {
                old.RetiredAt = now;
                // Published (or accepted) until every token made with it has expired, plus a margin for clock skew.
                old.ExpiresAt = now + (use == OidcKeyUse.Signing
                    ? Max(lifetimes.AccessTokenLifetime, lifetimes.IdentityTokenLifetime)
                    : lifetimes.RefreshTokenLifetime) + TimeSpan.FromHours(1);
            }
            var key = Generate(use, now);
            db.OidcKeys.Add(key);
            made.Add(key.Id);
        }
        if (made.Count > 0 && rotate)
        {
            AuditLog.Record(db, null, actor ?? new AuditLog.Actor(null, "gatehouse"), "oidc.keys.rotated", "oidc_keys", string.Join(',', made),
                new { keyIds = current.Select(k => k.Id) }, new { keyIds = made }, now, ipAddress);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return made;
    }

    /// <summary>
    /// A signing key is RSA 2048 (RS256, what every client accepts for ID tokens). An encryption key is 256 random bits
    /// (A256KW): the tokens it seals (codes, refresh tokens) are opened only by Gatehouse, so nothing needs its public half,
    /// and opening one costs an AES key unwrap instead of an RSA private-key operation on every code redeemed and every refresh.
    /// </summary>
    private OidcKey Generate(OidcKeyUse use, DateTimeOffset now)
    {
        byte[] secret;
        if (use == OidcKeyUse.Signing)
        {
            using var rsa = RSA.Create(2048);
            secret = rsa.ExportPkcs8PrivateKey();
        }
        else
        {
            secret = RandomNumberGenerator.GetBytes(SymmetricKeyBytes);
        }
        return new OidcKey
        {
            Id = Guid.CreateVersion7(now), Use = use, CreatedAt = now,
            ProtectedKey = Convert.ToBase64String(_protector.Protect(secret)),
        };
    }

    private const int SymmetricKeyBytes = 32;

    private RsaSecurityKey Open(OidcKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(key.ProtectedKey)), out _);
        return new RsaSecurityKey(rsa) { KeyId = key.Id.ToString("N") };
    }

    /// <summary>
    /// An encryption key made by this version is 32 bytes (AES key wrap); one made before it is an RSA key in PKCS#8 (hundreds of
    /// bytes), still accepted until it expires, so refresh tokens sealed before an upgrade keep working.
    /// </summary>
    /// <remarks>
    /// An AES encryption key also yields the HS256 key that signs what it seals, derived with HKDF under a label of its own (never
    /// the same bytes for two algorithms). Only Gatehouse reads those tokens, so nothing needs a public key to check them, and a
    /// code or refresh token costs no RSA signature. It is no weaker than an RSA signature there: both keys are stored alike, and
    /// the encryption (A256CBC-HS512) already authenticates the token under the encryption key. Access and ID tokens, which
    /// products check against the JWKS, stay RS256.
    /// </remarks>
    private (EncryptingCredentials Encryption, SigningCredentials? Sealed) OpenEncryption(OidcKey key)
    {
        var secret = _protector.Unprotect(Convert.FromBase64String(key.ProtectedKey));
        if (secret.Length != SymmetricKeyBytes)
        {
            return (new EncryptingCredentials(Open(key), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512), null);
        }
        var id = key.Id.ToString("N");
        var signing = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, SymmetricKeyBytes, salt: [], info: "Gatehouse OIDC sealed token signing v1"u8.ToArray());
        return (new EncryptingCredentials(new SymmetricSecurityKey(secret) { KeyId = id }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512),
            new SigningCredentials(new SymmetricSecurityKey(signing) { KeyId = id + SealedKeySuffix }, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>What the id of a sealed-token signing key adds to its encryption key's id.</summary>
    public const string SealedKeySuffix = "-sealed";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
