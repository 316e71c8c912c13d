using System.Buffers;

namespace Gatehouse.Core.Access;

/// <summary>Collects members' slots, then lays them out as one <see cref="CheckSegment"/> in Robin Hood order.</summary>
internal sealed class SegmentBuilder
{
    // At most 90% of slots used; with Robin Hood order a probe, found or not, still reads two to three slots.
    private const int LoadPercent = 90;
    private readonly List<CompiledMember> _members = [];
    // Rented: a full compile lays out thousands of segments, and their scratch would otherwise be most of what it allocates.
    private (ulong Hash, PairSlot Slot)[] _pairs = ArrayPool<(ulong, PairSlot)>.Shared.Rent(64);
    private int _count;

    public int PairCount => _count;

    public void AddMember(CompiledMember member) => _members.Add(member);

    public void AddHome(ulong hash, Guid userId, int flags, int set) => Add(hash, userId, 0, flags, set);

    public void Add(ulong hash, Guid userId, int place, int flags, int set)
    {
        if ((uint)place > PairSlot.PlaceMask)
        {
            throw new InvalidOperationException($"An organization can have at most {PairSlot.PlaceMask:N0} scopes.");
        }
        if (_count == _pairs.Length)
        {
            var grown = ArrayPool<(ulong, PairSlot)>.Shared.Rent(_count * 2);
            _pairs.AsSpan(0, _count).CopyTo(grown);
            ArrayPool<(ulong, PairSlot)>.Shared.Return(_pairs);
            _pairs = grown;
        }
        _pairs[_count++] = (hash, new PairSlot(userId, PairSlot.MetaOf(place, flags, 0), set));
    }

    /// <summary>Lays the segment out; the builder is spent afterwards.</summary>
    public CheckSegment Build()
    {
        try
        {
            if (_count == 0)
            {
                return CheckSegment.Empty;
            }
            for (var capacity = (uint)((_count * 100L / LoadPercent) + 1); ; capacity += capacity / 4)
            {
                if (TryLayout(capacity) is { } slots)
                {
                    var members = _members.ToArray();
                    Array.Sort(members, static (a, b) => a.UserId.CompareTo(b.UserId));
                    return new CheckSegment(slots, members);
                }
            }
        }
        finally
        {
            ArrayPool<(ulong, PairSlot)>.Shared.Return(_pairs);
            _pairs = [];
            _count = 0;
        }
    }

    /// <summary>Robin Hood insertion: an entry takes the slot of one nearer its own home and that one moves on.</summary>
    private PairSlot[]? TryLayout(uint capacity)
    {
        var slots = new PairSlot[capacity];
        var homes = ArrayPool<uint>.Shared.Rent((int)capacity);
        try
        {
            return Layout(slots, homes, capacity) ? slots : null;
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(homes);
        }
    }

    private bool Layout(PairSlot[] slots, uint[] homes, uint capacity)
    {
        foreach (var (hash, pair) in _pairs.AsSpan(0, _count))
        {
            var entry = pair;
            var home = GuidHash.Home(hash, capacity);
            var distance = 0u;
            for (var i = home; ; i = i + 1 == capacity ? 0 : i + 1, distance++)
            {
                if (distance > PairSlot.MaxDistance)
                {
                    return false;
                }
                if (!slots[i].IsOccupied)
                {
                    slots[i] = WithDistance(entry, distance);
                    homes[i] = home;
                    break;
                }
                if (slots[i].Distance < distance)
                {
                    (entry, slots[i]) = (slots[i], WithDistance(entry, distance));
                    (home, homes[i]) = (homes[i], home);
                    distance = i >= home ? i - home : i + capacity - home;
                }
            }
        }
        return true;
    }

    private static PairSlot WithDistance(PairSlot slot, uint distance) =>
        new(slot.UserId, (slot.Meta & ~(PairSlot.MaxDistance << PairSlot.DistanceShift)) | (distance << PairSlot.DistanceShift), slot.Set);
}
