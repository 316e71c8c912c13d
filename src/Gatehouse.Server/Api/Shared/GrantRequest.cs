namespace Gatehouse.Server.Api;

/// <summary>A grant in a request: a role key and a target (a null <c>scopeId</c> is the organization itself).</summary>
/// <param name="RoleKey">A system or custom role's key, or <see cref="InlineRoleKey"/> for the request's inline role.</param>
/// <param name="ScopeId">The scope, or null for the whole organization.</param>
public sealed record GrantRequest(string RoleKey, Guid? ScopeId)
{
    /// <summary>The role key that names the request's <c>inlineRole</c> in its grants (micromobility's "Custom").</summary>
    public const string InlineRoleKey = "inline";
}
