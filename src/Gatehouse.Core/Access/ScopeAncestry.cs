namespace Gatehouse.Core.Access;

/// <summary>Each scope's chain (itself, its parent, ... up to its root), flattened into one array of scope indexes.</summary>
internal readonly struct ScopeAncestry
{
    private readonly int[] _chains;
    private readonly int[] _starts;

    private ScopeAncestry(int[] chains, int[] starts)
    {
        _chains = chains;
        _starts = starts;
    }

    /// <summary>The scope and its ancestors, nearest first.</summary>
    public ReadOnlySpan<int> Of(int scope)
    {
        var start = _starts[scope];
        return new ReadOnlySpan<int>(_chains, start, _starts[scope + 1] - start);
    }

    /// <summary>A parent outside the organization ends the chain there; a cycle ends it before the first repeat.</summary>
    public static ScopeAncestry Compute(IReadOnlyList<ScopeEntry> scopes, GuidLookup<int> index)
    {
        var chains = new List<int>(scopes.Count * 3);
        var starts = new int[scopes.Count + 1];
        for (var i = 0; i < scopes.Count; i++)
        {
            starts[i] = chains.Count;
            chains.Add(i);
            for (var parent = scopes[i].ParentId;
                 parent is { } p && index.TryGetValue(p, out var at) && chains.IndexOf(at, starts[i]) < 0;
                 parent = scopes[at].ParentId)
            {
                chains.Add(at);
            }
        }
        starts[scopes.Count] = chains.Count;
        return new ScopeAncestry([.. chains], starts);
    }
}
