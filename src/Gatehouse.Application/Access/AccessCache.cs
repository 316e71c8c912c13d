using System.Collections.Concurrent;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

/// <summary>
/// Feeds the core access engine from the database. An organization is compiled on first use; a write through
/// this node patches it (<see cref="BeginCommitAsync"/>: only the members, scopes or roles the write touched are
/// compiled again). A change another node made is announced with what it touched (<see cref="Notified"/>): the
/// organization stops answering, and the next read or write brings the compile it kept up to date by reading only
/// those parts, when every version in between was announced that way; otherwise it compiles the organization whole.
/// Each compile remembers the access version it holds, so a write holding the organization's lock reuses it when
/// nothing changed since.
/// </summary>
/// <remarks>
/// Per organization, one gate orders loads and the commit of writes: a write takes it before it commits and
/// releases it once its patch is installed, so the next write (which can only lock the organization after that
/// commit) finds the patched version, and a load never installs data a concurrent write is about to change.
/// Invalidation bumps a generation, and a load or patch that started before it installs nothing.
/// What is loaded answers only while <see cref="StoreContact"/> says this node is in step with the database; after
/// that it is read again.
/// </remarks>
public sealed partial class AccessCache(AccessEngine engine, IDbContextFactory<GatehouseDb> databases, StoreContact contact)
{
    private readonly ConcurrentDictionary<Guid, OrganizationState> _states = new();
    private long _fullCompiles;
    private long _catchUps;

    /// <summary>The engine that answers checks.</summary>
    public AccessEngine Engine => engine;

    /// <summary>How many times an organization was read whole from the database and compiled (patches not counted).</summary>
    public long FullCompiles => Interlocked.Read(ref _fullCompiles);

    /// <summary>How many times a compile kept was brought up to date with other nodes' announced changes instead.</summary>
    public long CatchUps => Interlocked.Read(ref _catchUps);

    /// <summary>The compiled organization, loading it when needed; null when the organization does not exist. A loaded one costs no task.</summary>
    public ValueTask<CompiledOrganization?> GetAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        engine.Find(organizationId) is { } compiled && contact.IsCurrent
            ? ValueTask.FromResult<CompiledOrganization?>(compiled)
            : new ValueTask<CompiledOrganization?>(LoadAsync(organizationId, cancellationToken));

    /// <summary>
    /// The organization as a write inside its lock must see it: the cached compile when it holds the locked
    /// row's access version (nothing changed since), otherwise the one kept brought up to that version with what other
    /// nodes announced, or compiled whole, read in the write's own transaction.
    /// </summary>
    public async Task<CompiledOrganization> CompileForWriteAsync(GatehouseDb db, Guid organizationId, long lockedVersion, CancellationToken cancellationToken)
    {
        var state = StateOf(organizationId);
        await state.Gate.WaitAsync(cancellationToken);
        var start = state.StartLoad();
        try
        {
            if (start.Basis is { } held && start.Version == lockedVersion)
            {
                // Under the lock nothing newer can have committed: the compile kept is exact even if not yet answering.
                Install(state, organizationId, held, lockedVersion, start.Generation);
                state.EndLoad();
                return held;
            }
        }
        finally
        {
            state.Gate.Release();
        }
        try
        {
            // Read under the organization's lock, so it is the committed state at that version: worth keeping, unless
            // something newer arrived meanwhile.
            var compiled = await CatchUpAsync(db, state, organizationId, start, lockedVersion, cancellationToken)
                ?? await CompileWholeAsync(db, organizationId, cancellationToken)
                ?? throw new InvalidOperationException($"Organization {organizationId} vanished inside its own write lock.");
            Install(state, organizationId, compiled, lockedVersion, start.Generation);
            return compiled;
        }
        finally
        {
            state.EndLoad();
        }
    }

    /// <summary>
    /// Starts the commit of a write that changed access in one organization; call it after <c>SaveChanges</c>,
    /// inside the transaction, with what the write touched read there (<see cref="AccessChangeLoader"/>). The
    /// patch is computed now; <see cref="AccessCommit.Install"/> after the commit makes it visible.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="basis">The organization as the write saw it, at <paramref name="fromVersion"/>.</param>
    /// <param name="fromVersion">The access version the write locked.</param>
    /// <param name="toVersion">The access version the write commits.</param>
    /// <param name="change">What the write changed.</param>
    /// <param name="cancellationToken">Cancels waiting for a load in progress.</param>
    public async Task<AccessCommit> BeginCommitAsync(Guid organizationId, CompiledOrganization basis, long fromVersion, long toVersion, OrganizationChange change, CancellationToken cancellationToken)
    {
        var patched = basis.Apply(change);
        var state = StateOf(organizationId);
        await state.Gate.WaitAsync(cancellationToken);
        lock (state.Sync)
        {
            state.Pending = toVersion;
            return new AccessCommit(this, state, organizationId, patched, toVersion, state.Generation);
        }
    }

    /// <summary>
    /// A notification that access in an organization changed at <paramref name="version"/> (null: unknown), touching
    /// <paramref name="touched"/> (null: unknown). Ignored when this node already holds that version or is installing it;
    /// otherwise the organization stops answering until it is brought up to date (<see cref="LoadAsync"/>), and what the
    /// change touched is kept for that. Without a version, the organization is forgotten.
    /// </summary>
    public void Notified(Guid organizationId, long? version, AccessTouched? touched = null)
    {
        var state = StateOf(organizationId);
        TaskCompletionSource heard;
        lock (state.Sync)
        {
            if (version is not { } v)
            {
                state.Forget(engine, organizationId);
                return;
            }
            if (v <= state.Pending || v <= state.Version)
            {
                return;
            }
            state.Announce(v, touched);
            engine.Invalidate(organizationId);
            heard = state.TakeHeardSignal();
        }
        heard.TrySetResult();
    }

    /// <summary>Forgets every organization (notifications may have been missed).</summary>
    public void InvalidateAll()
    {
        foreach (var organizationId in _states.Keys)
        {
            Invalidate(organizationId);
        }
    }

    /// <summary>Forgets an organization after a write; the next read compiles it again.</summary>
    public void Invalidate(Guid organizationId)
    {
        var state = StateOf(organizationId);
        lock (state.Sync)
        {
            state.Forget(engine, organizationId);
        }
    }

    private OrganizationState StateOf(Guid organizationId) => _states.GetOrAdd(organizationId, _ => new OrganizationState());

    private async Task<CompiledOrganization?> LoadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var state = StateOf(organizationId);
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (engine.Find(organizationId) is { } loaded && contact.IsCurrent)
            {
                return loaded;
            }
            var start = state.StartLoad();
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                var (compiled, version) = await ReadAsync(db, state, organizationId, start, cancellationToken);
                // A compile older than a change announced meanwhile is still the caller's answer, and kept as the basis the
                // next read brings up to date; a forget meanwhile (a lost connection, an unknown change) keeps nothing.
                if (compiled is not null)
                {
                    Install(state, organizationId, compiled, version, start.Generation);
                }
                return compiled;
            }
            finally
            {
                state.EndLoad();
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>
    /// Keeps a compile as the organization at <paramref name="version"/>, unless it was forgotten since or a newer one is
    /// kept; it answers checks unless a newer version was announced meanwhile (then the next read brings it up to date).
    /// </summary>
    private void Install(OrganizationState state, Guid organizationId, CompiledOrganization compiled, long version, long generation)
    {
        lock (state.Sync)
        {
            if (state.Generation != generation || (state.Compiled is not null && state.Version > version)
                || (state.Version == version && state.Current(engine, organizationId) is not null))
            {
                return;
            }
            state.Keep(compiled, version);
            if (version >= state.Heard)
            {
                engine.Install(compiled);
            }
            else
            {
                engine.Invalidate(organizationId);
            }
        }
    }

    internal void InstallPatch(OrganizationState state, Guid organizationId, CompiledOrganization patched, long version, long generation) =>
        Install(state, organizationId, patched, version, generation);

    internal static void Release(OrganizationState state)
    {
        lock (state.Sync)
        {
            state.Pending = -1;
        }
        state.Gate.Release();
    }

    /// <summary>One organization's cache bookkeeping.</summary>
    /// <remarks>Kept for the life of the process; a <see cref="SemaphoreSlim"/> whose wait handle is never used holds nothing to dispose.</remarks>
#pragma warning disable CA1001
    internal sealed partial class OrganizationState
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly Lock Sync = new();
        public long Generation;
        /// <summary>The access version <see cref="Compiled"/> holds.</summary>
        public long Version = -1;
        public long Pending = -1;
        /// <summary>The organization at <see cref="Version"/>: answering checks, or the basis to bring up to date.</summary>
        public CompiledOrganization? Compiled;
        /// <summary>The newest access version announced by a notification.</summary>
        public long Heard = -1;
        /// <summary>Versions announced after <see cref="Version"/>, with what each touched (null: unknown).</summary>
        public SortedList<long, AccessTouched?>? Announced;
        /// <summary>Loads or catch-ups under way (announcements are kept for them even while nothing is kept).</summary>
        public int Loading;
        private TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The compile this state describes, if the engine still answers with it.</summary>
        public CompiledOrganization? Current(AccessEngine engine, Guid organizationId) =>
            Compiled is { } compiled && ReferenceEquals(engine.Find(organizationId), compiled) ? compiled : null;

        public void Forget(AccessEngine engine, Guid organizationId)
        {
            Generation++;
            (Version, Compiled, Announced) = (-1, null, null);
            engine.Invalidate(organizationId);
        }
    }
}

/// <summary>A write's patch between its commit and its installation; dispose it in every case (it holds the organization's gate).</summary>
public sealed class AccessCommit : IDisposable
{
    private readonly AccessCache _cache;
    private readonly AccessCache.OrganizationState _state;
    private readonly Guid _organizationId;
    private readonly CompiledOrganization _patched;
    private readonly long _version;
    private readonly long _generation;
    private bool _disposed;

    internal AccessCommit(AccessCache cache, AccessCache.OrganizationState state, Guid organizationId, CompiledOrganization patched, long version, long generation)
    {
        (_cache, _state, _organizationId, _patched, _version, _generation) = (cache, state, organizationId, patched, version, generation);
    }

    /// <summary>Call once the transaction committed: checks answer from the patched organization from now on.</summary>
    public void Install() => _cache.InstallPatch(_state, _organizationId, _patched, _version, _generation);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            AccessCache.Release(_state);
        }
    }
}
