using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>One version of the roles usable in an organization: the model's system roles and its own, by key and by lineage number.</summary>
internal sealed class RoleTable
{
    private readonly CompiledModel _model;
    private readonly Dictionary<string, CompiledRole> _own;
    private readonly ulong[]?[] _sets;

    public RoleTable(AccessModel model, CompiledModel compiled, OrganizationLineage lineage, IReadOnlyList<RoleEntry> organizationRoles)
    {
        _model = compiled;
        Entries = organizationRoles;
        _own = new Dictionary<string, CompiledRole>(organizationRoles.Count, StringComparer.Ordinal);
        foreach (var role in organizationRoles)
        {
            if (compiled.FindSystemRole(role.Key) is not null)
            {
                throw new ArgumentException($"The role key '{role.Key}' is a system role's.", nameof(organizationRoles));
            }
            var permissions = model.Catalog.SetOf(role.Permissions.Where(model.Catalog.Contains));
            _own.Add(role.Key, new CompiledRole(role.Key, role.Name, role.Kind, permissions, GrantTargets.Anywhere));
        }
        foreach (var role in compiled.SystemRoles)
        {
            lineage.RoleOf(role.Key);
        }
        foreach (var role in organizationRoles)
        {
            lineage.RoleOf(role.Key);
        }
        _sets = new ulong[]?[lineage.RoleCount];
        for (var i = 0; i < _sets.Length; i++)
        {
            _sets[i] = Find(lineage.RoleKey(i)) is { } found ? Words(found.Permissions, compiled.Stride) : null;
        }
    }

    /// <summary>The organization's own roles as loaded.</summary>
    public IReadOnlyList<RoleEntry> Entries { get; }

    /// <summary>System roles first, in the model's order, then the organization's own.</summary>
    public IEnumerable<CompiledRole> All => _model.SystemRoles.Concat(_own.Values);

    public CompiledRole? Find(string key) => _own.GetValueOrDefault(key) ?? _model.FindSystemRole(key);

    /// <summary>The permission words of a role by lineage number; false for a key no role has in this version.</summary>
    public bool TryGetWords(int role, out ulong[] words)
    {
        words = (uint)role < (uint)_sets.Length ? _sets[role]! : null!;
        return words is not null;
    }

    private static ulong[] Words(PermissionSet set, int stride)
    {
        var words = new ulong[stride];
        set.OrInto(words);
        return words;
    }
}
