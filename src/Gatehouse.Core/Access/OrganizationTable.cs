using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gatehouse.Core.Access;

/// <summary>The engine's compiled organizations by id: reads take no lock, writes are serialized.</summary>
/// <remarks>
/// Open addressing over one array of slots, at most half used, so a read is one probe into one array where a
/// concurrent dictionary walks a bucket array and a node. A writer fills a slot's key and value before it
/// publishes the slot with a volatile write, and fills a grown array before it publishes the array, so a reader
/// never sees a half-written slot. Removal keeps the key with no value (a tombstone) until the next growth.
/// </remarks>
internal sealed class OrganizationTable
{
    private readonly Lock _writing = new();
    private Slot[] _slots = new Slot[16];
    private int _used;

    /// <summary>The organization, or null when it is not loaded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledOrganization? Find(Guid organizationId)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = Home(organizationId, slots.Length); ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (Volatile.Read(ref slot.Published) == 0)
            {
                return null;
            }
            if (slot.Key == organizationId)
            {
                return Volatile.Read(ref slot.Value);
            }
        }
    }

    /// <summary>Puts or replaces one organization; null forgets it.</summary>
    public void Set(Guid organizationId, CompiledOrganization? organization)
    {
        lock (_writing)
        {
            ref var slot = ref Probe(_slots, organizationId);
            if (slot.Published != 0)
            {
                Volatile.Write(ref slot.Value, organization);
                return;
            }
            if (organization is null)
            {
                return;
            }
            if ((_used + 1) * 2 > _slots.Length)
            {
                Grow();
                slot = ref Probe(_slots, organizationId);
            }
            slot.Key = organizationId;
            slot.Value = organization;
            Volatile.Write(ref slot.Published, 1);
            _used++;
        }
    }

    private void Grow()
    {
        var live = _slots.Where(s => s.Published != 0 && s.Value is not null).ToArray();
        var grown = new Slot[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (live.Length + 1) * 4))];
        foreach (var entry in live)
        {
            ref var slot = ref Probe(grown, entry.Key);
            slot = entry;
        }
        _used = live.Length;
        Volatile.Write(ref _slots, grown);
    }

    /// <summary>The slot holding the key, or the empty slot where it would go.</summary>
    private static ref Slot Probe(Slot[] slots, Guid key)
    {
        var mask = slots.Length - 1;
        var i = Home(key, slots.Length);
        while (slots[i].Published != 0 && slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }
        return ref slots[i];
    }

    private static int Home(Guid key, int length) =>
        (int)(((ulong)(uint)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2((uint)length)));

    private struct Slot
    {
        public Guid Key;
        public CompiledOrganization? Value;
        public int Published;
    }
}
