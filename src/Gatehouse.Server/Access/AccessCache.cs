using System.Collections.Concurrent;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Access;

/// <summary>
/// Feeds the core access engine from the database. An organization is compiled on first use and
/// forgotten on every write to it, so a check right after a change sees the change. A load that
/// raced with a write is not installed (the generation moved on), so stale data never replaces fresh.
/// </summary>
public sealed class AccessCache(AccessEngine engine, IDbContextFactory<GatehouseDb> databases)
{
    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _loading = new();

    /// <summary>The engine that answers checks.</summary>
    public AccessEngine Engine => engine;

    /// <summary>The compiled organization, loading it when needed; null when the organization does not exist.</summary>
    public async Task<CompiledOrganization?> GetAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (engine.Find(organizationId) is { } compiled)
        {
            return compiled;
        }
        var gate = _loading.GetOrAdd(organizationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (engine.Find(organizationId) is { } loaded)
            {
                return loaded;
            }
            var generation = _generations.GetOrAdd(organizationId, 0);
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var snapshot = await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken);
            if (snapshot is null)
            {
                return null;
            }
            var fresh = new CompiledOrganization(engine.Model, snapshot);
            if (_generations.GetOrAdd(organizationId, 0) == generation)
            {
                engine.Load(snapshot);
            }
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Compiles the organization from a database context inside a write transaction (the caller holds the organization's lock).</summary>
    public async Task<CompiledOrganization> CompileForWriteAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {organizationId} vanished inside its own write lock.");
        return new CompiledOrganization(engine.Model, snapshot);
    }

    /// <summary>Forgets every organization (notifications may have been missed).</summary>
    public void InvalidateAll()
    {
        foreach (var organizationId in _generations.Keys)
        {
            Invalidate(organizationId);
        }
    }

    /// <summary>Forgets an organization after a write; the next read compiles it again.</summary>
    public void Invalidate(Guid organizationId)
    {
        _generations.AddOrUpdate(organizationId, 1, (_, g) => g + 1);
        engine.Invalidate(organizationId);
    }
}
