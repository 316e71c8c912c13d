using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Access;
using Gatehouse.Server.Api;
using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer ghk_…</c> API keys. Keys are looked up by their SHA-256;
/// a valid key is remembered for a short while so the check endpoint does not pay a database round
/// trip per call. Revoking a key forgets it at once on this node (<see cref="ApiKeyCache.Forget"/>).
/// Membership status is not cached here: the access engine decides that on every request.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache cache,
    StoreContact contact,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiKey.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return AuthenticateResult.Fail("Not a Gatehouse API key.");
        }
        var hash = SecretToken.Hash(token);
        var now = time.GetUtcNow();
        if (!cache.TryGet(hash, now, out var caller))
        {
            var generation = cache.Generation;
            try
            {
                caller = await LookUpAsync(hash, now);
            }
            catch (Exception e) when (StoreOutage.Is(e) && contact.IsCurrent && cache.TryGetKnown(hash, out var known))
            {
                // The database is out of reach: a key this node validated before keeps working for as long as what it
                // loaded may answer checks (nobody can revoke it meanwhile without the database either). Remembered
                // again, so the next requests do not each wait for a connection that fails.
                cache.Remember(hash, known, now, generation);
                return AuthenticateResult.Success(new AuthenticationTicket(known.ToPrincipal(SchemeName), SchemeName));
            }
            if (caller is null)
            {
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            }
            cache.Remember(hash, caller, now, generation);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = Request.Headers.Authorization.Count > 0;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(
            Problems.Details(
                StatusCodes.Status401Unauthorized,
                failed ? ProblemCodes.InvalidApiKey : ProblemCodes.Unauthenticated,
                failed
                    ? "The API key is unknown or revoked. Create a new key, or ask an administrator for one."
                    : "Send an API key as 'Authorization: Bearer ghk_…'. Keys are created at setup, with 'gatehouse api-key create' or through /api/v1/api-keys."),
            options: (System.Text.Json.JsonSerializerOptions?)null,
            contentType: "application/problem+json");
    }

    private async Task<Caller?> LookUpAsync(string hash, DateTimeOffset now)
    {
        // Resolved only on a cache miss, so a check answered from memory opens no database context.
        var db = Context.RequestServices.GetRequiredService<GatehouseDb>();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.TokenHash == hash && k.RevokedAt == null);
        if (key is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == key.UserId);
        if (user is null || user.ErasedAt is not null)
        {
            return null;
        }
        var isOperator = user.Kind == UserKind.Person && await db.PlatformOperators.AnyAsync(p => p.UserId == user.Id);
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync();
        }
        return new Caller(user.Id, user.DisplayName, isOperator, key.OrganizationId, key.Id);
    }
}

/// <summary>Recently validated API keys, by hash, for a short time.</summary>
public sealed class ApiKeyCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>A remembered caller for the key hash, if still fresh.</summary>
    public bool TryGet(string hash, DateTimeOffset now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Caller? caller)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.Until > now)
        {
            caller = entry.Caller;
            return true;
        }
        caller = null;
        return false;
    }

    /// <summary>A caller this node validated before, however long ago, unless forgotten since (for when the database is out of reach).</summary>
    public bool TryGetKnown(string hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Caller? caller)
    {
        caller = _entries.TryGetValue(hash, out var entry) ? entry.Caller : null;
        return caller is not null;
    }

    private long _generation;

    /// <summary>Moves on with every <see cref="Forget"/>; read it before looking a key up.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Remembers a validated key, unless something was forgotten since <paramref name="generationBeforeLookup"/>:
    /// the lookup may have read a key that was revoked meanwhile, and remembering it would undo the revocation.
    /// </summary>
    public void Remember(string hash, Caller caller, DateTimeOffset now, long generationBeforeLookup)
    {
        _entries[hash] = (caller, now + Lifetime);
        if (Generation != generationBeforeLookup)
        {
            _entries.TryRemove(hash, out _);
        }
    }

    /// <summary>Forgets a key (revoked) or every key of a user (erased, operator rights changed).</summary>
    public void Forget(Func<Caller, bool> which)
    {
        Interlocked.Increment(ref _generation);
        foreach (var entry in _entries)
        {
            if (which(entry.Value.Caller))
            {
                _entries.TryRemove(entry.Key, out _);
            }
        }
    }
}
