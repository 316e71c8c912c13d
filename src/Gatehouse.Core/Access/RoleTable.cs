using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>One version of the roles usable in an organization: the model's system roles and its own, by key and by lineage number.</summary>
internal sealed class RoleTable
{
    private readonly CompiledModel _model;
    private readonly CompiledRole[] _own;
    private readonly ulong[][] _system;
    private readonly ulong[]?[] _sets;

    public RoleTable(AccessModel model, CompiledModel compiled, OrganizationLineage lineage, IReadOnlyList<RoleEntry> organizationRoles)
    {
        _model = compiled;
        // An array, not a dictionary: organizations have a handful of roles of their own, and lookups by key are
        // for management, not checks (checks use the role's number in the lineage).
        _own = new CompiledRole[organizationRoles.Count];
        for (var i = 0; i < _own.Length; i++)
        {
            var role = organizationRoles[i];
            if (compiled.FindSystemRole(role.Key) is not null || _own.AsSpan(0, i).ToArray().Any(r => r.Key == role.Key))
            {
                throw new ArgumentException($"The role key '{role.Key}' appears twice or is a system role's.", nameof(organizationRoles));
            }
            var permissions = model.Catalog.SetOf(role.Permissions.Where(model.Catalog.Contains));
            _own[i] = new CompiledRole(role.Key, role.Name, role.Kind, permissions, GrantTargets.Anywhere);
        }
        foreach (var role in organizationRoles)
        {
            lineage.RoleOf(role.Key);
        }
        _system = compiled.SystemRoleWords;
        _sets = new ulong[]?[lineage.RoleCount - _system.Length];
        for (var i = 0; i < _sets.Length; i++)
        {
            var key = lineage.RoleKey(_system.Length + i);
            _sets[i] = Array.Find(_own, r => r.Key == key) is { } own ? Words(own.Permissions, compiled.Stride) : null;
        }
    }

    /// <summary>The organization's own roles as entries (permissions outside the catalog, which give nothing, left out).</summary>
    public IReadOnlyList<RoleEntry> Entries(Model.PermissionCatalog catalog) =>
        [.. _own.Select(r => new RoleEntry(r.Key, r.Name, r.Kind, [.. catalog.CodesOf(r.Permissions)]))];

    /// <summary>System roles first, in the model's order, then the organization's own.</summary>
    public IEnumerable<CompiledRole> All => _model.SystemRoles.Concat(_own);

    public CompiledRole? Find(string key) => _model.FindSystemRole(key) ?? Array.Find(_own, r => r.Key == key);

    /// <summary>The permission words of a role by lineage number; false for a key no role has in this version.</summary>
    public bool TryGetWords(int role, out ulong[] words)
    {
        words = role < _system.Length ? _system[role] : (uint)(role - _system.Length) < (uint)_sets.Length ? _sets[role - _system.Length]! : null!;
        return words is not null;
    }

    private static ulong[] Words(PermissionSet set, int stride)
    {
        var words = new ulong[stride];
        set.OrInto(words);
        return words;
    }
}
