using Gatehouse.Application.Input;
using Gatehouse.Application.Work;

namespace Gatehouse.Application.Grants;

/// <summary>A grant in a request: a role key and a target (a null <c>scopeId</c> is the organization itself).</summary>
/// <param name="RoleKey">A system or custom role's key, or <see cref="InlineRoleKey"/> for the request's inline role.</param>
/// <param name="ScopeId">The scope, or null for the whole organization.</param>
public sealed record GrantRequest(string RoleKey, Guid? ScopeId)
{
    /// <summary>The role key that names the request's <c>inlineRole</c> in its grants (micromobility's "Custom").</summary>
    public const string InlineRoleKey = "inline";
}

/// <summary>A one-off permission set for one member or invitation (micromobility's "Custom" role).</summary>
/// <param name="Name">Its name as shown.</param>
/// <param name="Permissions">Permission codenames.</param>
public sealed record InlineRoleRequest(string Name, IReadOnlyList<string> Permissions);

/// <summary>The checks every request carrying grants shares (member access, invitations, service accounts); the policy judges the rest.</summary>
public static class GrantRequests
{
    /// <summary>Most grants one request may carry.</summary>
    public const int MaxGrants = 500;

    /// <summary>Most permissions an inline role may list.</summary>
    public const int MaxInlinePermissions = 500;

    /// <summary>A failure naming the first malformed field, or null. <paramref name="inlineRole"/> must be named by a grant and the other way round.</summary>
    public static Failure? Validate(IReadOnlyList<GrantRequest?> grants, InlineRoleRequest? inlineRole)
    {
        if (ValidateGrants(grants) is { } invalid)
        {
            return invalid;
        }
        var usesInline = grants.Any(g => g!.RoleKey == GrantRequest.InlineRoleKey);
        if (inlineRole is null)
        {
            return usesInline
                ? Failure.Invalid("inlineRole", WorkCodes.ValidationFailed, $"A grant names the role '{GrantRequest.InlineRoleKey}' but 'inlineRole' is missing.")
                : null;
        }
        if (InputRules.Name(inlineRole.Name, "inlineRole.name") is { } badName)
        {
            return badName;
        }
        if (inlineRole.Permissions is null || inlineRole.Permissions.Count > MaxInlinePermissions || inlineRole.Permissions.Any(p => p is null))
        {
            return Failure.Invalid("inlineRole.permissions", WorkCodes.ValidationFailed, $"'inlineRole.permissions' must list at most {MaxInlinePermissions} permission codenames.");
        }
        return usesInline
            ? null
            : Failure.Invalid("grants", WorkCodes.ValidationFailed, $"'inlineRole' is given but no grant uses it: name it in a grant with the role key '{GrantRequest.InlineRoleKey}'.");
    }

    /// <summary>A failure naming the first malformed grant, or null (for requests without inline roles).</summary>
    public static Failure? ValidateGrants(IReadOnlyList<GrantRequest?> grants)
    {
        if (grants.Count > MaxGrants)
        {
            return Failure.Invalid("grants", WorkCodes.ValidationFailed, $"'grants' may hold at most {MaxGrants} grants.");
        }
        for (var i = 0; i < grants.Count; i++)
        {
            if (grants[i] is not { } grant || string.IsNullOrWhiteSpace(grant.RoleKey) || grant.RoleKey.Length > InputRules.MaxNameLength)
            {
                return Failure.Invalid($"grants[{i}].roleKey", WorkCodes.ValidationFailed, $"'grants[{i}].roleKey' is required, at most {InputRules.MaxNameLength} characters; list the roles to find one.");
            }
        }
        return null;
    }
}
