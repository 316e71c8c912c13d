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
    private readonly Dictionary<string, ulong[]> _words;
    private readonly Dictionary<string, int> _numbers;

    private CompiledModel(AccessModel model)
    {
        SystemRoles = [.. model.Roles.Select(r => new CompiledRole(r.Key, r.Name, RoleKind.System, model.SystemRolePermissions(r.Key)!, r.GrantableAt))];
        _byKey = SystemRoles.ToDictionary(r => r.Key, StringComparer.Ordinal);
        _numbers = SystemRoles.Select((r, i) => (r.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        Stride = (model.Catalog.Count + 63) >> 6;
        _words = SystemRoles.ToDictionary(r => r.Key, r =>
        {
            var words = new ulong[Stride];
            r.Permissions.OrInto(words);
            return words;
        }, StringComparer.Ordinal);
    }

    /// <summary>The model's system roles, compiled once.</summary>
    public IReadOnlyList<CompiledRole> SystemRoles { get; }

    /// <summary>64-bit words per permission set.</summary>
    public int Stride { get; }

    public CompiledRole? FindSystemRole(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The system role's number (its place in <see cref="SystemRoles"/>), or -1.</summary>
    public int SystemRoleNumber(string key) => _numbers.GetValueOrDefault(key, -1);

    /// <summary>The system roles' permissions as words by number, shared by every organization.</summary>
    public ulong[][] SystemRoleWords => field ??= [.. SystemRoles.Select(r => _words[r.Key])];

    public static CompiledModel For(AccessModel model) => Cache.GetValue(model, m => new CompiledModel(m));
}
