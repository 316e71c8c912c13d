using Microsoft.AspNetCore.Authorization;

namespace Gatehouse.AspNetCore;

/// <summary>The person must hold <see cref="Permission"/> at the place <see cref="Scope"/> reads from the request, as Gatehouse answers.</summary>
/// <param name="Permission">A permission codename, e.g. <c>vehicles.view</c>.</param>
/// <param name="Scope">Where the place comes from.</param>
public sealed record PermissionRequirement(string Permission, ScopeFrom Scope) : IAuthorizationRequirement;

/// <summary>Why a <see cref="PermissionRequirement"/> failed: the answer, with the permission, the place and a sentence naming what is missing.</summary>
public sealed class PermissionRefusal(IAuthorizationHandler handler, AccessDecision decision) : AuthorizationFailureReason(handler, decision.Reason ?? "")
{
    /// <summary>The refused answer.</summary>
    public AccessDecision Decision { get; } = decision;
}
