using System.Collections.Concurrent;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Access;

/// <summary>
/// Feeds the core access engine from the database. An organization is compiled on first use and
/// forgotten on every write to it, so a check right after a change sees the change. Each compile
/// remembers the organization's access version it was read at, so a write holding the organization's
/// lock can reuse it when nothing changed since. A load that raced with a write is thrown away (the
/// generation moved on), so stale data never outlives the write that made it stale. What is loaded answers only
/// while <see cref="StoreContact"/> says this node is in step with the database; after that it is read again.
/// </summary>
public sealed class AccessCache(AccessEngine engine, IDbContextFactory<GatehouseDb> databases, StoreContact contact)
{
    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly ConcurrentDictionary<Guid, (long Version, CompiledOrganization Compiled)> _versions = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _loading = new();

    /// <summary>The engine that answers checks.</summary>
    public AccessEngine Engine => engine;

    /// <summary>The compiled organization, loading it when needed; null when the organization does not exist. A loaded one costs no task.</summary>
    public ValueTask<CompiledOrganization?> GetAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        engine.Find(organizationId) is { } compiled && contact.IsCurrent
            ? ValueTask.FromResult<CompiledOrganization?>(compiled)
            : new ValueTask<CompiledOrganization?>(LoadAsync(organizationId, cancellationToken));

    /// <summary>
    /// The organization as a write inside its lock must see it: the cached compile when it was read at the
    /// locked row's access version (nothing changed since), otherwise compiled from the write's own transaction.
    /// </summary>
    public async Task<CompiledOrganization> CompileForWriteAsync(GatehouseDb db, Guid organizationId, long lockedVersion, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(organizationId, out var entry) && entry.Version == lockedVersion
            && ReferenceEquals(engine.Find(organizationId), entry.Compiled))
        {
            return entry.Compiled;
        }
        var (snapshot, _) = await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken)
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
        _versions.TryRemove(organizationId, out _);
        engine.Invalidate(organizationId);
    }

    private async Task<CompiledOrganization?> LoadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var gate = _loading.GetOrAdd(organizationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (engine.Find(organizationId) is { } loaded && contact.IsCurrent)
            {
                return loaded;
            }
            var generation = _generations.GetOrAdd(organizationId, 0);
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            if (await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken) is not var (snapshot, version))
            {
                return null;
            }
            var compiled = engine.Load(snapshot);
            _versions[organizationId] = (version, compiled);
            // A write that committed while this snapshot was read has moved the generation on (Invalidate
            // increments it before it clears the engine): drop what was just installed; callers still get an
            // answer, the next one reads again.
            if (_generations.GetOrAdd(organizationId, 0) != generation)
            {
                _versions.TryRemove(organizationId, out _);
                engine.Invalidate(organizationId);
            }
            return compiled;
        }
        finally
        {
            gate.Release();
        }
    }
}
