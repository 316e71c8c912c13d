using System.Runtime.InteropServices;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>
/// Compiles each member's grants into a <see cref="MemberRecord"/>: one set for the organization, and for every
/// scope with a direct grant the member's whole effective set there (organization, that scope and its ancestors).
/// </summary>
/// <remarks>
/// In a tree, a scope's effective set equals the one at its nearest ancestor-or-self with a direct grant, or the
/// organization set when there is none; so a check finds one precomputed set and tests one bit. Sets are interned:
/// members with the same roles at the same places share one.
/// </remarks>
internal sealed class MemberCompiler(int stride, IReadOnlyDictionary<string, CompiledRole> roles, GuidLookup<int> scopeIndex, List<int> data)
{
    private readonly PermissionPool _pool = new(stride);
    private readonly ulong[] _organization = new ulong[stride];
    private readonly ulong[] _effective = new ulong[stride];
    private int[] _directScopes = new int[16];
    private PermissionSet[] _directSets = new PermissionSet[16];
    private int[] _mergedScopes = new int[16];
    private ulong[] _mergedWords = new ulong[16 * stride];

    public CompiledMember Compile(MemberEntry entry, GrantEntry[] grants)
    {
        Array.Clear(_organization);
        var direct = 0;
        foreach (var grant in grants)
        {
            if (!roles.TryGetValue(grant.RoleKey, out var role))
            {
                continue; // a grant of a deleted role gives nothing
            }
            if (grant.ScopeId is not { } scopeId)
            {
                role.Permissions.OrInto(_organization);
            }
            else if (scopeIndex.TryGetValue(scopeId, out var scope))
            {
                AddDirect(direct++, scope, role.Permissions);
            }
        }
        var merged = MergeByScope(direct);
        var record = data.Count;
        data.Add(MemberRecord.FlagsOf(entry));
        data.Add(merged);
        AddWords(_organization);
        data.AddRange(_mergedScopes.AsSpan(0, merged));
        for (var i = 0; i < merged; i++)
        {
            data.Add(SetOffset(_pool.Intern(EffectiveAt(_mergedScopes[i], _mergedScopes.AsSpan(0, merged)))));
        }
        return new CompiledMember(entry, grants, record);
    }

    /// <summary>Appends the shared bitsets and returns where they start.</summary>
    public int WriteSets()
    {
        var start = data.Count;
        AddWords(_pool.ToArray());
        return start;
    }

    /// <summary>Bitsets are stored as pairs of 32-bit words, low half first, so a check tests a bit in the int array.</summary>
    private void AddWords(ReadOnlySpan<ulong> words)
    {
        foreach (var word in words)
        {
            data.Add((int)(uint)word);
            data.Add((int)(word >> 32));
        }
    }

    /// <summary>A pooled set's offset in 32-bit words.</summary>
    private static int SetOffset(int poolOffset) => poolOffset * 2;

    /// <summary>Sorts the direct grants by scope and unites the roles granted on the same scope; returns the number of scopes.</summary>
    private int MergeByScope(int direct)
    {
        _directScopes.AsSpan(0, direct).Sort(_directSets.AsSpan(0, direct));
        var merged = 0;
        for (var i = 0; i < direct; i++)
        {
            if (merged == 0 || _mergedScopes[merged - 1] != _directScopes[i])
            {
                _mergedScopes[merged] = _directScopes[i];
                MergedWords(merged).Clear();
                merged++;
            }
            _directSets[i].OrInto(MergedWords(merged - 1));
        }
        return merged;
    }

    private ReadOnlySpan<ulong> EffectiveAt(int scope, ReadOnlySpan<int> mergedScopes)
    {
        _organization.CopyTo(_effective, 0);
        var all = CollectionsMarshal.AsSpan(data);
        foreach (var ancestor in ScopeAncestry.Chain(all, ScopeAncestry.ChainOf(all, scope)))
        {
            if (mergedScopes.BinarySearch(ancestor) is var at and >= 0)
            {
                for (var w = 0; w < stride; w++)
                {
                    _effective[w] |= _mergedWords[(at * stride) + w];
                }
            }
        }
        return _effective;
    }

    private Span<ulong> MergedWords(int index) => _mergedWords.AsSpan(index * stride, stride);

    private void AddDirect(int index, int scope, PermissionSet permissions)
    {
        if (index == _directScopes.Length)
        {
            Array.Resize(ref _directScopes, index * 2);
            Array.Resize(ref _directSets, index * 2);
            Array.Resize(ref _mergedScopes, index * 2);
            Array.Resize(ref _mergedWords, index * 2 * stride);
        }
        _directScopes[index] = scope;
        _directSets[index] = permissions;
    }
}
