using System.Collections.Frozen;
using System.Text.Json;
using Gatehouse.Application.OidcClients;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Every origin some registered client allows (<see cref="OidcClientOrigins"/>), held by the node so that a browser app's CORS
/// requests are answered from memory. Registrations are only ever added (the API, the console and the CLI create; nothing
/// updates or deletes one), so a loaded origin stays allowed, and only an origin not in the set can have become allowed since:
/// then one count of the registrations says whether another node, the CLI or this node added one, and the set is read again
/// only if so. That needs no notification channel and holds for a CLI writing to the same SQLite file. If registrations ever
/// become editable or removable, this must be forgotten on those writes and on the other nodes through PostgreSQL, as API keys are.
/// </summary>
public sealed class OidcOriginCache
{
    private volatile Snapshot? _snapshot;
    private long _loads;

    /// <summary>How many times this node has read the registrations' origins (to see the cache work).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>True when a registered client allows <paramref name="origin"/> (already normalized) exactly.</summary>
    public async ValueTask<bool> AllowsAsync(GatehouseDb db, string origin, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot ?? await LoadAsync(db, cancellationToken);
        if (snapshot.Origins.Contains(origin))
        {
            return true;
        }
        var count = await db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync(cancellationToken);
        if (count != snapshot.Registrations)
        {
            snapshot = await LoadAsync(db, cancellationToken);
        }
        return snapshot.Origins.Contains(origin);
    }

    private async Task<Snapshot> LoadAsync(GatehouseDb db, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        // Every registration in one read, so the count and the origins agree; a deployment has tens of clients, not thousands.
        var properties = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().Select(a => a.Properties).ToListAsync(cancellationToken);
        var origins = properties.OfType<string>().SelectMany(OriginsIn).ToFrozenSet(StringComparer.Ordinal);
        var snapshot = new Snapshot(origins, properties.Count);
        _snapshot = snapshot;
        return snapshot;
    }

    private static IReadOnlyList<string> OriginsIn(string properties)
    {
        using var document = JsonDocument.Parse(properties);
        return document.RootElement.TryGetProperty(OidcClientOrigins.Property, out var value) ? OidcClientOrigins.Read(value) : [];
    }

    /// <summary>The allowed origins and how many registrations they were read from.</summary>
    private sealed record Snapshot(FrozenSet<string> Origins, int Registrations);
}
