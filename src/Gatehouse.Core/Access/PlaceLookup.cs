using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>
/// An organization's live scopes by id: open addressing over one array at most 85% full, probed with the same hash a
/// check already computed for the scope, so confirming that a scope exists costs one probe and no second hash.
/// A struct, so it sits inside its owner and a check reaches the slots without passing through one more object.
/// </summary>
internal readonly struct PlaceLookup
{
    private readonly Slot[] _slots;
    private readonly uint _capacity;

    /// <summary>Builds the table; a scope id given twice is a bug in the snapshot and throws.</summary>
    public PlaceLookup(IReadOnlyList<(Guid Id, int Place)> places)
    {
        _capacity = (uint)Math.Max(1, (places.Count * 20 / 17) + 1);
        _slots = new Slot[_capacity];
        foreach (var (id, place) in places)
        {
            var i = GuidHash.Home(GuidHash.Of(id), _capacity);
            for (; _slots[i].PlacePlusOne != 0; i = i + 1 == _capacity ? 0 : i + 1)
            {
                if (_slots[i].Id == id)
                {
                    throw new ArgumentException($"The scope {id} appears twice.", nameof(places));
                }
            }
            _slots[i] = new Slot(id, place + 1);
        }
    }

    /// <summary>The same table from its slots and capacity (as the engine's table holds them beside the organization).</summary>
    public PlaceLookup(Slot[] slots, uint capacity)
    {
        _slots = slots;
        _capacity = capacity;
    }

    public Slot[] Slots => _slots;

    public uint Capacity => _capacity;

    /// <summary>The place of a scope, or -1; <paramref name="hash"/> is <see cref="GuidHash.Of"/> of the id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong hash, Guid id)
    {
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        for (var i = GuidHash.Home(hash, _capacity); ; i = i + 1 == _capacity ? 0 : i + 1)
        {
            ref readonly var slot = ref Unsafe.Add(ref slots, i);
            if (slot.PlacePlusOne == 0)
            {
                return -1;
            }
            if (slot.Id == id)
            {
                return slot.PlacePlusOne - 1;
            }
        }
    }

    public int Find(Guid id) => Find(GuidHash.Of(id), id);

    internal readonly record struct Slot(Guid Id, int PlacePlusOne);
}
