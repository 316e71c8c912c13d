using System.Security.Claims;
using Gatehouse.Application;
using Gatehouse.Application.Audit;
using Gatehouse.Core.Management;
using Actor = Gatehouse.Core.Management.Actor;

namespace Gatehouse.Server.Auth;

/// <summary>Who is calling: the user an API key acts as, and what kind of caller that is.</summary>
/// <param name="UserId">The acting user (a person or a service account).</param>
/// <param name="Name">The name to record in audit events.</param>
/// <param name="IsPlatformOperator">The user is one of the product's support staff.</param>
/// <param name="ServiceOrganizationId">For a service account, the only organization it may touch.</param>
/// <param name="ApiKeyId">The key used, when the caller came with an API key.</param>
/// <param name="TokenOrganizationId">For a person calling with a product's access token, the one organization the token is for.</param>
public sealed record Caller(Guid UserId, string Name, bool IsPlatformOperator, Guid? ServiceOrganizationId, Guid? ApiKeyId, Guid? TokenOrganizationId = null)
{
    internal const string UserIdClaim = "gh:user";
    internal const string NameClaim = "gh:name";
    internal const string OperatorClaim = "gh:operator";
    internal const string ServiceOrganizationClaim = "gh:service_org";
    internal const string ApiKeyClaim = "gh:api_key";
    internal const string TokenOrganizationClaim = "gh:token_org";

    /// <summary>How the management policy sees this caller in an organization; null when the caller may not see it at all.</summary>
    public Actor? ActorIn(Guid organizationId) => ToActor().PolicyIn(organizationId);

    /// <summary>The acting party of the use cases.</summary>
    public Gatehouse.Application.Actor ToActor() =>
        new(ServiceOrganizationId is null ? ActorType.Person : ActorType.ServiceAccount, UserId, Name, IsPlatformOperator, ServiceOrganizationId, ApiKeyId, TokenOrganizationId);

    /// <summary>The caller as audit events name them.</summary>
    public static implicit operator AuditLog.Actor(Caller caller) => new(caller.UserId, caller.Name);

    /// <summary>The claims an authentication handler issues for the caller.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(UserIdClaim, UserId.ToString()),
            new(NameClaim, Name),
            new(OperatorClaim, IsPlatformOperator ? "true" : "false"),
        };
        if (ServiceOrganizationId is { } organization)
        {
            claims.Add(new Claim(ServiceOrganizationClaim, organization.ToString()));
        }
        if (ApiKeyId is { } key)
        {
            claims.Add(new Claim(ApiKeyClaim, key.ToString()));
        }
        if (TokenOrganizationId is { } tokenOrganization)
        {
            claims.Add(new Claim(TokenOrganizationClaim, tokenOrganization.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, null));
    }

    /// <summary>Reads the caller back from an authenticated principal, or null.</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(UserIdClaim), out var userId))
        {
            return null;
        }
        return new Caller(
            userId,
            principal.FindFirstValue(NameClaim) ?? string.Empty,
            principal.FindFirstValue(OperatorClaim) == "true",
            Guid.TryParse(principal.FindFirstValue(ServiceOrganizationClaim), out var org) ? org : null,
            Guid.TryParse(principal.FindFirstValue(ApiKeyClaim), out var key) ? key : null,
            Guid.TryParse(principal.FindFirstValue(TokenOrganizationClaim), out var tokenOrganization) ? tokenOrganization : null);
    }
}

/// <summary>Reads the caller of the current request.</summary>
public static class CallerExtensions
{
    /// <summary>The authenticated caller; endpoints behind authorization always have one.</summary>
    public static Caller Caller(this HttpContext context) =>
        Auth.Caller.From(context.User) ?? throw new InvalidOperationException("The endpoint requires authentication but has no caller.");
}
