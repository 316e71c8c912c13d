using System.Data;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

// Bringing a kept compile up to date with the changes other nodes announced: only what they touched is read again.
public sealed partial class AccessCache
{
    /// <summary>
    /// How long a catch-up waits for the announcement of a version it found in the database: that change committed
    /// before the read, so its notification is on its way (it takes well under a millisecond on a healthy node; a busy
    /// one may take longer to hear it); past this it compiles the organization whole.
    /// </summary>
    private static readonly TimeSpan AnnouncementWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The organization as the database holds it now, and its version: the kept compile brought up to date when there is
    /// one and every version since was announced with what it touched, otherwise compiled whole; null when it does not
    /// exist. On PostgreSQL the version and the parts are read in one snapshot.
    /// </summary>
    private async Task<(CompiledOrganization? Compiled, long Version)> ReadAsync(GatehouseDb db, OrganizationState state, Guid organizationId,
        LoadStart start, CancellationToken cancellationToken)
    {
        if (start.Basis is not { } basis || !db.IsPostgres || !contact.IsCurrent)
        {
            return await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken) is var (snapshot, version)
                ? (Compile(snapshot), version)
                : (null, 0);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (await SnapshotLoader.VersionAsync(db, organizationId, cancellationToken) is not { } current)
        {
            return (null, 0);
        }
        var compiled = current == start.Version ? basis
            : await CatchUpAsync(db, state, organizationId, start, current, cancellationToken) ?? await CompileWholeAsync(db, organizationId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (compiled, current);
    }

    /// <summary>
    /// The kept compile brought up to <paramref name="version"/>, reading in <paramref name="db"/> the members, scopes and
    /// roles the announced changes since touched; null when something in between was not announced that way.
    /// </summary>
    private async Task<CompiledOrganization?> CatchUpAsync(GatehouseDb db, OrganizationState state, Guid organizationId, LoadStart start, long version,
        CancellationToken cancellationToken)
    {
        if (start.Basis is not { } basis || !db.IsPostgres || version <= start.Version
            || await AnnouncedAsync(state, start.Version, version, cancellationToken) is not { } touched)
        {
            return null;
        }
        var change = await AccessChangeLoader.LoadAsync(db, organizationId, touched, basis, KnownMember.None, cancellationToken);
        Interlocked.Increment(ref _catchUps);
        return basis.Apply(change);
    }

    private async Task<CompiledOrganization?> CompileWholeAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken) =>
        await SnapshotLoader.LoadAsync(db, organizationId, cancellationToken) is var (snapshot, _) ? Compile(snapshot) : null;

    private CompiledOrganization Compile(OrganizationSnapshot snapshot)
    {
        Interlocked.Increment(ref _fullCompiles);
        return new CompiledOrganization(engine.Model, snapshot);
    }

    /// <summary>What the versions after <paramref name="from"/> up to <paramref name="to"/> touched together, once all were heard; null when one said nothing, or was not heard in time.</summary>
    private static async Task<AccessTouched?> AnnouncedAsync(OrganizationState state, long from, long to, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + AnnouncementWait;
        while (true)
        {
            Task heard;
            lock (state.Sync)
            {
                if (state.Heard >= to)
                {
                    return state.Between(from, to);
                }
                heard = state.HeardSoon;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            try
            {
                await heard.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Looked at once more above, then given up.
            }
        }
    }

    /// <summary>What a load or catch-up starts from: the compile kept, its version, and the generation it must still be in to keep what it reads.</summary>
    internal readonly record struct LoadStart(CompiledOrganization? Basis, long Version, long Generation);

#pragma warning disable CA1001 // see the other part
    internal sealed partial class OrganizationState
#pragma warning restore CA1001
    {
        /// <summary>At most this many announced versions are kept per organization; past them, it is compiled whole.</summary>
        private const int MaxAnnounced = 512;

        /// <summary>Completes at the next announcement.</summary>
        public Task HeardSoon => _heard.Task;

        public LoadStart StartLoad()
        {
            lock (Sync)
            {
                Loading++;
                return new LoadStart(Compiled, Version, Generation);
            }
        }

        public void EndLoad()
        {
            lock (Sync)
            {
                if (--Loading == 0 && Compiled is null)
                {
                    Announced = null;
                }
            }
        }

        /// <summary>A version another node announced (call under <see cref="Sync"/>); kept while there is something to bring up to date.</summary>
        public void Announce(long version, AccessTouched? touched)
        {
            Heard = Math.Max(Heard, version);
            if (Compiled is null && Loading == 0)
            {
                return;
            }
            var announced = Announced ??= [];
            announced[version] = touched;
            if (announced.Count > MaxAnnounced)
            {
                announced.RemoveAt(0);
            }
        }

        /// <summary>Keeps a compile at its version (call under <see cref="Sync"/>); what was announced up to it is no longer needed.</summary>
        public void Keep(CompiledOrganization compiled, long version)
        {
            (Compiled, Version) = (compiled, version);
            while (Announced is { Count: > 0 } announced && announced.Keys[0] <= version)
            {
                announced.RemoveAt(0);
            }
        }

        /// <summary>The signal of the announcement just made, replaced for the next one (call under <see cref="Sync"/>).</summary>
        public TaskCompletionSource TakeHeardSignal()
        {
            var heard = _heard;
            _heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return heard;
        }

        /// <summary>What every version after <paramref name="from"/> up to <paramref name="to"/> touched, or null when one is missing or said nothing (call under <see cref="Sync"/>).</summary>
        public AccessTouched? Between(long from, long to)
        {
            var (members, users, scopes, roles) = (new HashSet<Guid>(), new HashSet<Guid>(), false, false);
            for (var version = from + 1; version <= to; version++)
            {
                if (Announced is null || !Announced.TryGetValue(version, out var touched) || touched is null)
                {
                    return null;
                }
                members.UnionWith(touched.MemberIds);
                users.UnionWith(touched.UserIds);
                (scopes, roles) = (scopes || touched.Scopes, roles || touched.Roles);
            }
            return new AccessTouched(members, users, scopes, roles);
        }
    }
}
