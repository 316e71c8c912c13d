using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>A read-only hash table keyed by <see cref="Guid"/>, built once and then read by any number of threads.</summary>
/// <remarks>
/// Open addressing with linear probing over one array of key/value pairs, at most half full: a lookup usually
/// reads one cache line, where a general dictionary reads a bucket array, then an entry array. A struct so the
/// table sits inline in its owner instead of behind one more reference.
/// </remarks>
internal readonly struct GuidLookup<TValue>
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly int _shift;

    /// <summary>Builds the table; a key given twice is a bug in the snapshot and throws.</summary>
    public GuidLookup(int count, IEnumerable<KeyValuePair<Guid, TValue>> items)
    {
        var bits = Math.Max(1, 64 - (int)ulong.LeadingZeroCount(((ulong)Math.Max(1, count) * 2) - 1));
        _slots = new Slot[1 << bits];
        _mask = _slots.Length - 1;
        _shift = 64 - bits;
        foreach (var (key, value) in items)
        {
            var i = Home(key);
            for (; _slots[i].Occupied; i = (i + 1) & _mask)
            {
                if (_slots[i].Key == key)
                {
                    throw new ArgumentException($"The key {key} appears twice.", nameof(items));
                }
            }
            _slots[i] = new Slot(key, value, Occupied: true);
        }
    }

    /// <summary>Finds the value of a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(Guid key, out TValue value)
    {
        // Indexes are masked to the power-of-two length, so reading without a bounds check is safe; it also
        // spares the array's header, which for a table touched once per check is one more cache miss.
        ref var first = ref MemoryMarshal.GetArrayDataReference(_slots);
        for (var i = Home(key); ; i = (i + 1) & _mask)
        {
            ref readonly var slot = ref Unsafe.Add(ref first, i);
            if (!slot.Occupied)
            {
                value = default!;
                return false;
            }
            if (slot.Key == key)
            {
                value = slot.Value;
                return true;
            }
        }
    }

    /// <summary>Fibonacci hashing of the Guid's own hash spreads ids that differ in few bits (sequential ids) across the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(Guid key) => (int)(((ulong)(uint)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> _shift);

    private readonly record struct Slot(Guid Key, TValue Value, bool Occupied);
}
