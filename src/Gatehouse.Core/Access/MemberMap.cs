namespace Gatehouse.Core.Access;

/// <summary>
/// An organization's members by membership id, split into segments by the id's hash so that a new
/// version with a few members changed copies only their segments and shares the rest. Immutable: readers need no lock.
/// </summary>
internal sealed class MemberMap
{
    private readonly Entry[][] _segments;
    private readonly int _mask;
    public MemberMap(int segmentCount, IReadOnlyCollection<CompiledMember> members)
    {
        _mask = segmentCount - 1;
        Count = members.Count;
        var grouped = new List<CompiledMember>?[segmentCount];
        foreach (var member in members)
        {
            (grouped[SegmentOf(KeyOf(member))] ??= []).Add(member);
        }
        _segments = [.. grouped.Select(g => Layout(g ?? []))];
    }

    private MemberMap(Entry[][] segments, int count)
    {
        _segments = segments;
        _mask = segments.Length - 1;
        Count = count;
    }

    public int Count { get; }

    public IEnumerable<CompiledMember> Values => _segments.SelectMany(s => s).Where(e => e.Value is not null).Select(e => e.Value!);

    /// <summary>The member with this membership id.</summary>
    public CompiledMember? Find(Guid id)
    {
        var hash = GuidHash.Of(id);
        var slots = _segments[(int)(hash >> 40) & _mask];
        if (slots.Length == 0)
        {
            return null;
        }
        for (var i = GuidHash.Home(hash, (uint)slots.Length); slots[i].Value is not null; i = i + 1 == slots.Length ? 0 : i + 1)
        {
            if (slots[i].Key == id)
            {
                return slots[i].Value;
            }
        }
        return null;
    }

    /// <summary>A new map with these members put in (replacing any with the same key) and these keys taken out.</summary>
    public MemberMap With(IReadOnlyCollection<CompiledMember> put, IReadOnlyCollection<Guid> removed)
    {
        var segments = (Entry[][])_segments.Clone();
        var count = Count;
        foreach (var group in put.Select(KeyOf).Concat(removed).Distinct().GroupBy(SegmentOf))
        {
            var members = segments[group.Key].Where(e => e.Value is not null).Select(e => e.Value!).ToDictionary(KeyOf);
            count -= members.Count;
            foreach (var id in removed)
            {
                members.Remove(id);
            }
            foreach (var member in put.Where(m => SegmentOf(KeyOf(m)) == group.Key))
            {
                members[KeyOf(member)] = member;
            }
            count += members.Count;
            segments[group.Key] = Layout([.. members.Values]);
        }
        return new MemberMap(segments, count);
    }

    private static Guid KeyOf(CompiledMember member) => member.MemberId;

    private int SegmentOf(Guid id) => (int)(GuidHash.Of(id) >> 40) & _mask;

    private static Entry[] Layout(List<CompiledMember> members)
    {
        if (members.Count == 0)
        {
            return [];
        }
        var slots = new Entry[(members.Count * 20 / 17) + 1];
        foreach (var member in members)
        {
            var id = KeyOf(member);
            var i = GuidHash.Home(GuidHash.Of(id), (uint)slots.Length);
            for (; slots[i].Value is not null; i = i + 1 == slots.Length ? 0 : i + 1)
            {
                if (slots[i].Key == id)
                {
                    throw new ArgumentException($"The member {id} appears twice.", nameof(members));
                }
            }
            slots[i] = new Entry(id, member);
        }
        return slots;
    }

    private readonly record struct Entry(Guid Key, CompiledMember? Value);
}
