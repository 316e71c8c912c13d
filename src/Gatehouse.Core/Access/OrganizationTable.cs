using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gatehouse.Core.Access;

/// <summary>The engine's compiled organizations by id: reads take no lock, writes are serialized.</summary>
/// <remarks>
/// Open addressing over one array of slots, at most half used, so a read is one probe into one array where a
/// concurrent dictionary walks a bucket array and a node. Each slot also holds the organization's
/// <see cref="CheckTables"/>, so a check goes from the slot to the pair slots without loading the organization.
/// A slot is several words, so it is published like a sequence lock: the writer makes the version odd, writes the
/// fields, then makes it even again; a reader reads the version, the fields, and the version again, and reads
/// again in the rare case that a writer was in between. Readers never wait on a lock and never write. A grown array
/// is filled before it is published. Removal keeps the key with no value (a tombstone) until the next growth.
/// </remarks>
internal sealed class OrganizationTable
{
    private readonly Lock _writing = new();
    private Slot[] _slots = new Slot[16];
    private int _used;

    /// <summary>The organization, or null when it is not loaded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledOrganization? Find(Guid organizationId) => Find(organizationId, out _);

    /// <summary>The organization and its check tables as of one version, or null when it is not loaded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CompiledOrganization? Find(Guid organizationId, out CheckTables tables)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = Home(organizationId, slots.Length); ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            var version = Volatile.Read(ref slot.Version);
            if (version == 0)
            {
                tables = default;
                return null;
            }
            if (slot.Key == organizationId)
            {
                // Acquire reads: none of them moves after the second read of the version.
                var value = Volatile.Read(ref slot.Value);
                tables = new CheckTables(
                    Volatile.Read(ref slot.Pairs), Volatile.Read(ref slot.PairCapacity),
                    Volatile.Read(ref slot.Places)!, Volatile.Read(ref slot.PlaceCapacity), Volatile.Read(ref slot.Pool)!);
                if ((version & 1) == 0 && Volatile.Read(ref slot.Version) == version)
                {
                    return value;
                }
                return Reread(ref slot, out tables);
            }
        }
    }

    /// <summary>A writer was changing the slot: read it again until it is still.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CompiledOrganization? Reread(ref Slot slot, out CheckTables tables)
    {
        var spinner = new SpinWait();
        while (true)
        {
            var version = Volatile.Read(ref slot.Version);
            var value = Volatile.Read(ref slot.Value);
            tables = new CheckTables(
                Volatile.Read(ref slot.Pairs), Volatile.Read(ref slot.PairCapacity),
                Volatile.Read(ref slot.Places)!, Volatile.Read(ref slot.PlaceCapacity), Volatile.Read(ref slot.Pool)!);
            if ((version & 1) == 0 && Volatile.Read(ref slot.Version) == version)
            {
                return value;
            }
            spinner.SpinOnce();
        }
    }

    /// <summary>Puts or replaces one organization; null forgets it.</summary>
    public void Set(Guid organizationId, CompiledOrganization? organization)
    {
        lock (_writing)
        {
            ref var slot = ref Probe(_slots, organizationId);
            if (slot.Version != 0)
            {
                Write(ref slot, organization);
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
            Write(ref slot, organization);
            _used++;
        }
    }

    /// <summary>Writes a slot's value and tables between an odd and an even version (under the writing lock).</summary>
    private static void Write(ref Slot slot, CompiledOrganization? organization)
    {
        var version = slot.Version;
        Volatile.Write(ref slot.Version, version | 1);
        Interlocked.MemoryBarrier(); // the odd version is seen before any field changes, on any CPU
        var tables = organization?.Tables ?? default;
        slot.Value = organization;
        slot.Pairs = tables.Pairs;
        slot.PairCapacity = tables.PairCapacity;
        slot.Places = tables.Places;
        slot.PlaceCapacity = tables.PlaceCapacity;
        slot.Pool = tables.Pool;
        var next = (version | 1) + 1;
        Volatile.Write(ref slot.Version, next == 0 ? 2u : next);
    }

    private void Grow()
    {
        var live = _slots.Where(s => s.Version != 0 && s.Value is not null).ToArray();
        // Twice the live count, rounded up: a slot is 64 bytes, and the table stays between a quarter and half full.
        var grown = new Slot[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (live.Length + 1) * 2))];
        foreach (var entry in live)
        {
            ref var slot = ref Probe(grown, entry.Key);
            slot = entry;
            slot.Version = 2;
        }
        _used = live.Length;
        Volatile.Write(ref _slots, grown);
    }

    /// <summary>The slot holding the key, or the empty slot where it would go.</summary>
    private static ref Slot Probe(Slot[] slots, Guid key)
    {
        var mask = slots.Length - 1;
        var i = Home(key, slots.Length);
        while (slots[i].Version != 0 && slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }
        return ref slots[i];
    }

    private static int Home(Guid key, int length) =>
        (int)(((ulong)(uint)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2((uint)length)));

    // 64 bytes: the key, the organization, its tables and the version (0 = empty, odd = being written).
    private struct Slot
    {
        public Guid Key;
        public CompiledOrganization? Value;
        public PairSlot[]? Pairs;
        public PlaceLookup.Slot[]? Places;
        public ulong[]? Pool;
        public uint PairCapacity;
        public uint PlaceCapacity;
        public uint Version;
    }
}
