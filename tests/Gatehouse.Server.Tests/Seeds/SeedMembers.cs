using System.Text.Json;
using Gatehouse.Core.Grants;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Grants and rows of the members API as the seed tests write them.</summary>
internal static class SeedMembers
{
    /// <summary>A grant of a role, on the organization or at a scope.</summary>
    public static GrantSpec At(string role, Guid? scope = null) => new(role, scope);

    /// <summary>The grants of a replace-access body.</summary>
    public static object[] Grants(params (string RoleKey, Guid? ScopeId)[] grants) => [.. grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId })];

    /// <summary>The grants of a member row, as (role, scope) pairs.</summary>
    public static List<(string Role, Guid? Scope)> GrantsOf(JsonElement row) =>
        [.. row.GetProperty("grants").EnumerateArray().Select(g => (g.GetProperty("roleKey").GetString()!,
            g.GetProperty("scopeId").ValueKind == JsonValueKind.Null ? (Guid?)null : g.GetProperty("scopeId").GetGuid()))];
}
