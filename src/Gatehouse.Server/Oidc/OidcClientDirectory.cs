using System.Collections.Concurrent;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Client registrations kept in memory across requests, so a token request does not read its client from the database
/// (OpenIddict's own cache lives for one request). Only registrations found are kept, never an absence, so a client
/// registered on another node is found at once. A registration created, changed or deleted through OpenIddict's manager
/// is forgotten here at once and, through PostgreSQL, on every other node (<see cref="Channel"/>); a missed notification
/// is bounded by <see cref="Lifetime"/>, and the access listener forgets everything when it reconnects.
/// </summary>
/// <remarks>
/// The kept entities are copies of the values read, tracked by no database context, and only read: OpenIddict reads a
/// registration through its store's getters, and links tokens and authorizations to it by id (its stores load the entity
/// in their own context for that). Gatehouse never updates a registration through a kept entity.
/// </remarks>
public sealed class OidcClientDirectory(TimeProvider time)
{
    /// <summary>The channel that names client registrations to forget (their client id).</summary>
    public const string Channel = "gatehouse_oidc_clients";

    /// <summary>How long a registration is kept without a word of a change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (OpenIddictEntityFrameworkCoreApplication Application, long Until)> _byClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OpenIddictEntityFrameworkCoreApplication Application, long Until)> _byId = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>A kept registration by client id, or null.</summary>
    public OpenIddictEntityFrameworkCoreApplication? ByClientId(string clientId) => Fresh(_byClientId, clientId);

    /// <summary>A kept registration by its id, or null.</summary>
    public OpenIddictEntityFrameworkCoreApplication? ById(string id) => Fresh(_byId, id);

    /// <summary>The generation to hand back to <see cref="Keep"/>: taken before reading the database.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Keeps a registration read from the database, unless something was forgotten since <paramref name="generationBeforeRead"/>.</summary>
    public void Keep(OpenIddictEntityFrameworkCoreApplication application, long generationBeforeRead)
    {
        if (application.ClientId is null || application.Id is null || Generation != generationBeforeRead)
        {
            return;
        }
        var entry = (application, time.GetUtcNow().UtcTicks + Lifetime.Ticks);
        _byClientId[application.ClientId] = entry;
        _byId[application.Id] = entry;
    }

    /// <summary>Forgets one registration on this node (by client id).</summary>
    public void Forget(string clientId)
    {
        Interlocked.Increment(ref _generation);
        if (_byClientId.TryRemove(clientId, out var kept) && kept.Application.Id is { } id)
        {
            _byId.TryRemove(id, out _);
        }
    }

    /// <summary>Forgets every registration (changes may have gone unannounced).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _byClientId.Clear();
        _byId.Clear();
    }

    /// <summary>Forgets a registration here and, inside the caller's transaction if any, on every node sharing the PostgreSQL.</summary>
    public async Task ForgetEverywhereAsync(GatehouseDb db, string clientId, CancellationToken cancellationToken)
    {
        Forget(clientId);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {clientId})", cancellationToken);
        }
    }

    private OpenIddictEntityFrameworkCoreApplication? Fresh(ConcurrentDictionary<string, (OpenIddictEntityFrameworkCoreApplication Application, long Until)> map, string key) =>
        map.TryGetValue(key, out var kept) && kept.Until > time.GetUtcNow().UtcTicks ? kept.Application : null;
}
