using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gatehouse.Data;

/// <summary>Saves held to the end of a request, then written as one batch (<see cref="HoldSaves"/>).</summary>
public sealed partial class GatehouseDb
{
    /// <summary>
    /// While true, saves write nothing: what was added or changed stays tracked, and the first save after this is cleared writes
    /// all of it as one batch in one transaction. For a request whose library saves after every step (OpenIddict's stores save
    /// each token entry on its own) and whose work between the steps (signing tokens) should not hold the database's write lock.
    /// A concurrency conflict of a held save surfaces at that last save.
    /// </summary>
    public bool HoldSaves
    {
        get => _holdSaves;
        set
        {
            if (value && _heldAdditions is null)
            {
                _heldAdditions = new HashSet<object>(ReferenceEqualityComparer.Instance);
                ChangeTracker.Tracked += (_, tracked) => NoteHeldAddition(tracked.Entry);
                ChangeTracker.StateChanged += (_, changed) => NoteHeldAddition(changed.Entry);
            }
            _holdSaves = value;
        }
    }

    /// <summary>
    /// Drops everything held (and everything else tracked) and stops holding: for a request refused after it began holding,
    /// whose held rows must never reach the database, not even through a later save of the same request.
    /// </summary>
    public void DiscardHeldSaves()
    {
        _holdSaves = false;
        _heldAdditions?.Clear();
        ChangeTracker.Clear();
    }

    private bool _holdSaves;
    private HashSet<object>? _heldAdditions;

    private void NoteHeldAddition(EntityEntry entry)
    {
        if (_holdSaves && entry.State == EntityState.Added)
        {
            _heldAdditions!.Add(entry.Entity);
        }
    }

    /// <summary>
    /// A row added while saves were held and then updated (a library attaching and updating it, as it would a saved row) is
    /// tracked as unchanged or modified by then, yet it is not in the database: it must still be inserted.
    /// </summary>
    private void InsertHeldAdditions()
    {
        if (_heldAdditions is not { Count: > 0 })
        {
            return;
        }
        foreach (var entity in _heldAdditions)
        {
            var entry = Entry(entity);
            if (entry.State is EntityState.Modified or EntityState.Unchanged)
            {
                entry.State = EntityState.Added;
            }
        }
        _heldAdditions.Clear();
    }
}
