using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gatehouse.AspNetCore.Session;

/// <summary>The session's claims from the ID token a refresh returned, as the OpenIdConnect handler made them at sign-in.</summary>
internal static class SessionClaims
{
    // The protocol claims the handler leaves out of the principal by default (OpenIdConnectOptions.ClaimActions).
    private static readonly HashSet<string> Protocol = new(StringComparer.Ordinal)
    {
        "nonce", "aud", "azp", "acr", "iss", "iat", "nbf", "exp", "at_hash", "c_hash", "ipaddr", "platf", "ver",
    };

    /// <summary>
    /// The principal for <paramref name="idToken"/>, or null when there is none or it names another person or organization.
    /// It came straight from the token endpoint over the back channel, which OpenID Connect Core §3.1.3.7 lets stand for
    /// the signature check.
    /// </summary>
    public static ClaimsPrincipal? FromIdToken(string? idToken, ClaimsPrincipal? current)
    {
        if (idToken is null || current?.Identity is not ClaimsIdentity was)
        {
            return null;
        }
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var claims = token.Claims.Where(c => !Protocol.Contains(c.Type)).ToList();
        string? Value(string type) => claims.FirstOrDefault(c => c.Type == type)?.Value;
        if (Value(GatehouseClaimTypes.Subject) != current.FindFirstValue(GatehouseClaimTypes.Subject)
            || Value(GatehouseClaimTypes.OrganizationId) != current.FindFirstValue(GatehouseClaimTypes.OrganizationId))
        {
            return null;
        }
        var issuer = current.FindFirst(GatehouseClaimTypes.Subject)!.Issuer;
        return new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, issuer)), was.AuthenticationType,
            GatehouseClaimTypes.Name, GatehouseClaimTypes.Role));
    }
}
