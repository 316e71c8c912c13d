using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Gatehouse.AspNetCore;

/// <summary><c>RequirePermission</c> on policies and endpoints.</summary>
public static class RequirePermissionExtensions
{
    /// <summary>
    /// The signed-in person must hold <paramref name="permission"/> at the place <paramref name="scopeFrom"/> reads (the
    /// organization as a whole when null). Someone not signed in is sent to sign in; a refusal names the permission.
    /// </summary>
    public static AuthorizationPolicyBuilder RequirePermission(this AuthorizationPolicyBuilder policy, string permission, ScopeFrom? scopeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        return policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission, scopeFrom ?? ScopeFrom.Organization));
    }

    /// <summary>The endpoint requires <paramref name="permission"/> at the place <paramref name="scopeFrom"/> reads (see the policy overload).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder endpoint, string permission, ScopeFrom? scopeFrom = null)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequirePermission(permission, scopeFrom));
}
