using System.Runtime.CompilerServices;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Access;

/// <summary>What every organization compiled against one access model shares: its system roles and the width of a permission set.</summary>
internal sealed class CompiledModel
{
    // Keyed weakly so a model that is no longer used (a reloaded preset) takes its compiled form with it.
    private static readonly ConditionalWeakTable<AccessModel, CompiledModel> Cache = [];
    private readonly Dictionary<string, CompiledRole> _byKey;

    private CompiledModel(AccessModel model)
    {
        SystemRoles = [.. model.Roles.Select(r => new CompiledRole(r.Key, r.Name, RoleKind.System, model.SystemRolePermissions(r.Key)!, r.GrantableAt))];
        _byKey = SystemRoles.ToDictionary(r => r.Key, StringComparer.Ordinal);
        Stride = (model.Catalog.Count + 63) >> 6;
    }

    /// <summary>The model's system roles, compiled once.</summary>
    public IReadOnlyList<CompiledRole> SystemRoles { get; }

    /// <summary>64-bit words per permission set.</summary>
    public int Stride { get; }

    public CompiledRole? FindSystemRole(string key) => _byKey.GetValueOrDefault(key);

    public static CompiledModel For(AccessModel model) => Cache.GetValue(model, m => new CompiledModel(m));
}
