using System.Collections.Frozen;

namespace Gatehouse.Core.Model;

/// <summary>The deployment's ordered permission catalog; each permission owns one bit position.</summary>
public sealed class PermissionCatalog
{
    private readonly Permission[] _permissions;
    private readonly FrozenDictionary<string, int> _indexByCode;
    private readonly int[] _viewOwnIndex;
    private readonly int[][] _implied;

    /// <summary>Builds a catalog; codenames must be unique (the loader reports duplicates before this).</summary>
    public PermissionCatalog(IEnumerable<Permission> permissions)
    {
        _permissions = [.. permissions];
        _indexByCode = _permissions.Select((p, i) => KeyValuePair.Create(p.Code, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _viewOwnIndex = new int[_permissions.Length];
        for (var i = 0; i < _permissions.Length; i++)
        {
            var p = _permissions[i];
            _viewOwnIndex[i] = p.Action == "view" && _indexByCode.TryGetValue(p.Resource + ".view_own", out var own) ? own : -1;
        }
        _implied = Implications.Close(_permissions, _indexByCode);
        Categories = [.. _permissions.Select(p => p.Category).Distinct()];
        Everything = SetOf(_permissions.Select(p => p.Code));
    }

    /// <summary>Number of permissions (bits) in the catalog.</summary>
    public int Count => _permissions.Length;

    /// <summary>The permissions in catalog order.</summary>
    public IReadOnlyList<Permission> All => _permissions;

    /// <summary>Category labels in the order they first appear.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The permission at a bit position.</summary>
    public Permission this[int index] => _permissions[index];

    /// <summary>Finds the bit position of a codename.</summary>
    public bool TryGetIndex(string code, out int index) => _indexByCode.TryGetValue(code, out index);

    /// <summary>Resolves a codename once so hot paths can check by bit position.</summary>
    public PermissionId Resolve(string code) =>
        _indexByCode.TryGetValue(code, out var index)
            ? new PermissionId(index)
            : throw new KeyNotFoundException($"Permission '{code}' is not in the catalog.");

    /// <summary>True when the codename is in the catalog.</summary>
    public bool Contains(string code) => _indexByCode.ContainsKey(code);

    /// <summary>The <c>x.view_own</c> bit paired with an <c>x.view</c> bit, or -1.</summary>
    public int ViewOwnIndexFor(int viewIndex) => _viewOwnIndex[viewIndex];

    /// <summary>Every permission's view-own counterpart (-1 for none), for code that keeps it at hand.</summary>
    internal int[] ViewOwnIndexes => _viewOwnIndex;

    /// <summary>
    /// A set holding the given codenames and every permission they imply (<see cref="Permission.Implies"/>, followed
    /// through); unknown codenames throw. Every role's set is made here, so checks read implications as plain bits.
    /// </summary>
    public PermissionSet SetOf(IEnumerable<string> codes)
    {
        var builder = new PermissionSet.Builder(Count);
        foreach (var code in codes)
        {
            var index = Resolve(code).Index;
            builder.Add(index);
            foreach (var implied in _implied[index])
            {
                builder.Add(implied);
            }
        }
        return builder.Build();
    }

    /// <summary>The bit positions a permission implies, directly or through others (never itself).</summary>
    public IReadOnlyList<int> ImpliedBy(int index) => _implied[index];

    /// <summary>A set holding every permission of the catalog (what full access and owners hold).</summary>
    public PermissionSet Everything { get; }

    /// <summary>The codenames of the bits set in a permission set.</summary>
    public IEnumerable<string> CodesOf(PermissionSet set) => set.Indexes().Select(i => _permissions[i].Code);
}

/// <summary>A permission resolved to its bit position in the catalog.</summary>
/// <param name="Index">The bit position.</param>
public readonly record struct PermissionId(int Index);
