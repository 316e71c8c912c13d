using System.Security.Claims;
using Gatehouse.Application.OidcTokens;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// The claims of Gatehouse's tokens (docs/oidc.md, "Claims"). The organization and the person's roles there go in the ID token and
/// the access token; names and email only in the ID token, which ASP.NET Core's OpenIdConnect handler reads on its defaults (it
/// does not call userinfo). Permissions never go in a token: products ask checks, so a change applies at once.
/// </summary>
public static class OidcClaims
{
    /// <summary>The organization the token is for.</summary>
    public const string OrganizationId = "org_id";

    /// <summary>That organization's name.</summary>
    public const string OrganizationName = "org_name";

    /// <summary>The names of the person's roles in that organization (a JSON array).</summary>
    public const string Roles = "roles";

    /// <summary>The claims the discovery document lists.</summary>
    public static readonly string[] Supported =
        [Claims.Subject, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.Email, Claims.EmailVerified, Claims.AuthenticationTime, OrganizationId, OrganizationName, Roles];

    /// <summary>A new principal for a person signing in to a product.</summary>
    public static ClaimsPrincipal ForPerson(TokenIdentity who, IEnumerable<string> scopes, DateTimeOffset? authTime)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        Refresh(principal, who, authTime);
        return principal;
    }

    /// <summary>
    /// Writes the person's current names, organization and roles into <paramref name="principal"/> (a new one, or the one a code or
    /// refresh token carried, which keeps its authorization, scopes and presenters), with their destinations.
    /// </summary>
    public static void Refresh(ClaimsPrincipal principal, TokenIdentity who, DateTimeOffset? authTime)
    {
        principal.SetClaim(Claims.Subject, who.UserId.ToString("D"));
        var profile = principal.HasScope(Scopes.Profile);
        var email = principal.HasScope(Scopes.Email);
        principal.SetClaim(Claims.Name, profile ? who.DisplayName : null);
        principal.SetClaim(Claims.GivenName, profile ? who.FirstName : null);
        principal.SetClaim(Claims.FamilyName, profile ? who.LastName : null);
        principal.SetClaim(Claims.Email, email ? who.Email : null);
        principal.SetClaim(Claims.EmailVerified, email ? who.EmailVerified : null);
        if (authTime is { } signedInAt)
        {
            principal.SetClaim(Claims.AuthenticationTime, signedInAt.ToUnixTimeSeconds());
        }
        principal.SetClaim(OrganizationId, who.OrganizationId.ToString("D"));
        principal.SetClaim(OrganizationName, who.OrganizationName);
        // Always a JSON array, one role or several, so products read it one way.
        principal.RemoveClaims(Roles);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Roles, System.Text.Json.JsonSerializer.Serialize(who.Roles), JsonClaimValueTypes.JsonArray));
        principal.SetDestinations(Destinations);
    }

    /// <summary>A new principal for a confidential client acting for its organization: <c>sub</c> is the client, never a person.</summary>
    public static ClaimsPrincipal ForService(string clientId, Guid organizationId, string organizationName, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetClaim(Claims.Subject, clientId);
        principal.SetClaim(OrganizationId, organizationId.ToString("D"));
        principal.SetClaim(OrganizationName, organizationName);
        principal.SetDestinations(Destinations);
        return principal;
    }

    /// <summary>The person a principal describes, or null for a client acting as a service.</summary>
    public static Guid? PersonOf(ClaimsPrincipal principal) => Guid.TryParse(principal.GetClaim(Claims.Subject), out var id) ? id : null;

    /// <summary>The organization a principal is for, or null.</summary>
    public static Guid? OrganizationOf(ClaimsPrincipal principal) => Guid.TryParse(principal.GetClaim(OrganizationId), out var id) ? id : null;

    /// <summary>When the person last proved who they are, from the principal's <c>auth_time</c>.</summary>
    public static DateTimeOffset? AuthTimeOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.GetClaim(Claims.AuthenticationTime), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject or OrganizationId or OrganizationName or Roles => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.GivenName or Claims.FamilyName or Claims.Email or Claims.EmailVerified or Claims.AuthenticationTime => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };
}
