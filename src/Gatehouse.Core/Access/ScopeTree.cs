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
    // A scope is kept as its name and two numbers (its id is the lineage's place id) and made into a ScopeEntry
    // when asked for: about 50 bytes less per scope than keeping the snapshot's entries.
    private readonly OrganizationLineage _lineage;
    private readonly string?[] _names;
    private readonly int[] _parentIds;
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
        _lineage = lineage;
        // Parent ids are numbered too (a parent outside the organization included), so the entry can be given back as loaded.
        var parentIds = scopes.Select(s => s.ParentId is { } parent ? lineage.PlaceOf(parent) : -1).ToArray();
        _names = new string?[lineage.PlaceCount];
        _parentIds = new int[_names.Length];
        for (var i = 0; i < places.Length; i++)
        {
            (_names[places[i].Place], _parentIds[places[i].Place]) = (scopes[i].Name, parentIds[i]);
        }
        var childCounts = new int[_names.Length + 1];
        foreach (var (_, place) in places)
        {
            childCounts[LiveParent(place)]++;
        }
        _childStart = new int[_names.Length + 1];
        for (var p = 0; p < _names.Length; p++)
        {
            _childStart[p + 1] = _childStart[p] + childCounts[p];
        }
        _children = new int[places.Length];
        var filled = _childStart[..^1];
        foreach (var (_, place) in places)
        {
            _children[filled[LiveParent(place)]++] = place;
        }
    }

    /// <summary>Live scope id to place.</summary>
    public PlaceLookup Lookup { get; }

    public int LiveCount { get; }

    /// <summary>Places numbered when this version was built (live or not).</summary>
    public int PlaceCount => _names.Length;

    /// <summary>The live scopes, by place (the snapshot's order after a full compile).</summary>
    public IEnumerable<ScopeEntry> Live => Enumerable.Range(1, Math.Max(0, _names.Length - 1)).Where(IsLive).Select(p => EntryAt(p)!);

    /// <summary>The scope at a place as loaded, or null for the organization, a deleted scope or an id outside the organization.</summary>
    public ScopeEntry? EntryAt(int place) =>
        IsLive(place) ? new ScopeEntry(_lineage.PlaceId(place), _parentIds[place] < 0 ? null : _lineage.PlaceId(_parentIds[place]), _names[place]!) : null;

    public Guid IdOf(int place) => _lineage.PlaceId(place);

    public bool IsLive(int place) => place > 0 && place < _names.Length && _names[place] is not null;

    /// <summary>The live scope above a live place, or 0 when there is none.</summary>
    public int ParentOf(int place) => IsLive(place) ? LiveParent(place) : 0;

    private int LiveParent(int place) => _parentIds[place] is var parent and > 0 && _names[parent] is not null ? parent : 0;

    /// <summary>The place and its ancestors, nearest first (empty unless a live scope).</summary>
    public List<int> ChainOf(int place)
    {
        var chain = new List<int>(4);
        for (var at = IsLive(place) ? place : 0; at > 0 && !chain.Contains(at); at = LiveParent(at))
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
