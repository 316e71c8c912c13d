using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>
/// Each scope's chain (itself, its parent, ... its root), written at the start of an organization's check data:
/// a directory of one offset per scope index, then per scope <c>[length, self, parent, ...]</c>.
/// </summary>
internal static class ScopeAncestry
{
    /// <summary>Writes the directory and chains; a parent outside the organization ends a chain, so does a repeat (a cycle).</summary>
    public static void Write(List<int> data, IReadOnlyList<ScopeEntry> scopes, GuidLookup<int> index)
    {
        if (data.Count != 0)
        {
            throw new InvalidOperationException("Scope ancestry must come first, so scope indexes are directory offsets.");
        }
        data.AddRange(new int[scopes.Count]);
        for (var i = 0; i < scopes.Count; i++)
        {
            var lengthAt = data.Count;
            data[i] = lengthAt;
            data.Add(0);
            data.Add(i);
            for (var parent = scopes[i].ParentId;
                 parent is { } p && index.TryGetValue(p, out var at) && !CollectionsMarshal.AsSpan(data)[(lengthAt + 1)..].Contains(at);
                 parent = scopes[at].ParentId)
            {
                data.Add(at);
            }
            data[lengthAt] = data.Count - lengthAt - 1;
        }
    }

    /// <summary>Where a scope's chain starts: what the organization's scope lookup holds, so a check skips the directory.</summary>
    public static int ChainOf(ReadOnlySpan<int> data, int scope) => data[scope];

    /// <summary>The scope index a chain belongs to.</summary>
    public static int ScopeOf(ReadOnlySpan<int> data, int chain) => data[chain + 1];

    /// <summary>The scope and its ancestors, nearest first, as scope indexes.</summary>
    public static ReadOnlySpan<int> Chain(ReadOnlySpan<int> data, int chain) => data.Slice(chain + 1, data[chain]);
}
