namespace Gatehouse.Core.Access;

/// <summary>
/// One version of an organization's scopes, by place index: which places are live scopes, each one's parent and
/// children, from which a scope's chain (itself, its parent, ... its root) and reach (the places whose chain holds it:
/// itself and everything below) are read.
/// </summary>
/// <remarks>
/// A parent outside the organization ends a chain, and so does a repeat, so even a cycle in the data gives every
/// scope a finite chain: the rule "a grant applies at its target and below" reads the same off chains and reaches.
/// Checks never walk the tree (every member's set at every place is precomputed); compiling and explaining do.
/// </remarks>
internal sealed class ScopeTree
{
    private readonly ScopeEntry?[] _entries;
    private readonly int[] _parents;
    private readonly int[] _childStart;
    private readonly int[] _children;

    public ScopeTree(OrganizationLineage lineage, IReadOnlyList<ScopeEntry> scopes)
    {
        var places = scopes.Select(s => (s.Id, Place: lineage.PlaceOf(s.Id))).ToArray();
        if (places.Any(p => p.Place == 0))
        {
            throw new ArgumentException("A scope cannot have the organization's own id.", nameof(scopes));
        }
        Lookup = new PlaceLookup(places);
        LiveCount = places.Length;
        _entries = new ScopeEntry?[lineage.PlaceCount];
        _parents = new int[_entries.Length];
        foreach (var (scope, (_, place)) in scopes.Zip(places))
        {
            _entries[place] = scope;
        }
        var childCounts = new int[_entries.Length + 1];
        foreach (var (_, place) in places)
        {
            _parents[place] = _entries[place]!.ParentId is { } parent ? Math.Max(0, Lookup.Find(parent)) : 0;
            childCounts[_parents[place]]++;
        }
        _childStart = new int[_entries.Length + 1];
        for (var p = 0; p < _entries.Length; p++)
        {
            _childStart[p + 1] = _childStart[p] + childCounts[p];
        }
        _children = new int[places.Length];
        var filled = _childStart[..^1];
        foreach (var (_, place) in places)
        {
            _children[filled[_parents[place]]++] = place;
        }
    }

    /// <summary>Live scope id to place.</summary>
    public PlaceLookup Lookup { get; }

    public int LiveCount { get; }

    /// <summary>Places numbered when this version was built (live or not).</summary>
    public int PlaceCount => _entries.Length;

    /// <summary>The live scopes, by place (the snapshot's order after a full compile).</summary>
    public IEnumerable<ScopeEntry> Live => _entries.OfType<ScopeEntry>();

    /// <summary>The scope at a place, or null for the organization, a deleted scope or an id outside the organization.</summary>
    public ScopeEntry? EntryAt(int place) => (uint)place < (uint)_entries.Length ? _entries[place] : null;

    public bool IsLive(int place) => place > 0 && EntryAt(place) is not null;

    /// <summary>The place and its ancestors, nearest first (empty unless a live scope).</summary>
    public List<int> ChainOf(int place)
    {
        var chain = new List<int>(4);
        for (var at = IsLive(place) ? place : 0; at > 0 && !chain.Contains(at); at = _parents[at])
        {
            chain.Add(at);
        }
        return chain;
    }

    /// <summary>
    /// Writes the live places a grant at <paramref name="place"/> applies to (it and everything below) into
    /// <paramref name="reach"/>, whose length is at least <see cref="PlaceCount"/>; returns how many. Nothing unless a live scope.
    /// </summary>
    public int ReachOf(int place, Span<int> reach)
    {
        if (!IsLive(place))
        {
            return 0;
        }
        // Breadth first over children. Every scope has one parent, so the only place the walk can come back to is
        // where it started (when that is on a cycle): skipping it ends the walk.
        reach[0] = place;
        var count = 1;
        for (var next = 0; next < count; next++)
        {
            var at = reach[next];
            for (var c = _childStart[at]; c < _childStart[at + 1]; c++)
            {
                var child = _children[c];
                if (child != place)
                {
                    reach[count++] = child;
                }
            }
        }
        return count;
    }
}
