using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gatehouse.Application.Access;

/// <summary>
/// One organization's part of a write's commit: what the write changed there, and the organization as it locked it.
/// </summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Basis">
/// The organization as the write locked it (at <paramref name="FromVersion"/>), or null when this node does not hold it:
/// then there is nothing to patch, and it is only forgotten after the commit.
/// </param>
/// <param name="FromVersion">The access version the write locked.</param>
/// <param name="ToVersion">The access version the write commits.</param>
/// <param name="Touched">What the write changed there.</param>
/// <param name="Known">Members the write declared whole as it leaves them (<see cref="WriteContext.Knows"/>): not read back.</param>
public sealed record AccessPatch(Guid OrganizationId, CompiledOrganization? Basis, long FromVersion, long ToVersion, AccessTouched Touched,
    IReadOnlyDictionary<Guid, KnownMember>? Known = null);

// The commit of a write that changed access in one or more organizations: every write goes through here.
public sealed partial class AccessCache
{
    /// <summary>
    /// Commits a write's transaction (call it after its last <c>SaveChanges</c>) and makes this node's cache follow. Each
    /// organization it holds is patched with what the write touched there: read inside the transaction, compiled onto the
    /// organization as the write locked it, installed once committed, so checks never see a change that did not commit.
    /// One it does not hold is forgotten after the commit, so a load under way keeps nothing it read before. If the
    /// commit throws, every one is forgotten (it may have committed all the same).
    /// </summary>
    /// <param name="db">The write's database context, inside <paramref name="transaction"/>.</param>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="patches">Each organization the write changed access in (none: the transaction is only committed).</param>
    /// <param name="cancellationToken">Cancels the reads and the wait for a load in progress.</param>
    public async Task CommitAsync(GatehouseDb db, IDbContextTransaction transaction, IReadOnlyList<AccessPatch> patches, CancellationToken cancellationToken)
    {
        // Everything is read before any organization's gate is taken: a load of it waits on the gate, not on the database.
        var changes = new List<(AccessPatch Patch, CompiledOrganization Basis, OrganizationChange Change)>(patches.Count);
        foreach (var patch in patches)
        {
            if (patch.Basis is { } basis)
            {
                var change = await AccessChangeLoader.LoadAsync(db, patch.OrganizationId, patch.Touched, basis, patch.Known ?? KnownMember.None, cancellationToken);
                changes.Add((patch, basis, change));
            }
        }
        var commits = new List<AccessCommit>(changes.Count);
        try
        {
            // Gates in one order, so two writes that patch the same organizations cannot wait on each other.
            foreach (var (patch, basis, change) in changes.OrderBy(c => c.Patch.OrganizationId))
            {
                commits.Add(await BeginCommitAsync(patch.OrganizationId, basis, patch.FromVersion, patch.ToVersion, change, cancellationToken));
            }
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                ForgetAll(patches);
                throw;
            }
            foreach (var commit in commits)
            {
                commit.Install();
            }
        }
        finally
        {
            foreach (var commit in commits)
            {
                commit.Dispose();
            }
        }
        ForgetAll(patches.Where(p => p.Basis is null));
    }

    /// <summary>
    /// The compiled organization this node keeps at exactly <paramref name="version"/>, or null (not loaded, or at another
    /// version); never loads. Under the organization's lock, that is the organization as the lock holder sees it.
    /// </summary>
    public CompiledOrganization? Held(Guid organizationId, long version)
    {
        // A compile kept at that version is exact even when it no longer answers (a newer version was announced).
        var state = StateOf(organizationId);
        lock (state.Sync)
        {
            return state.Compiled is { } compiled && state.Version == version ? compiled : null;
        }
    }

    private void ForgetAll(IEnumerable<AccessPatch> patches)
    {
        foreach (var patch in patches)
        {
            Invalidate(patch.OrganizationId);
        }
    }
}
