using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Gatehouse.Server.Oidc;

/// <summary>The answers the provider's passthrough endpoints give back to OpenIddict, which turns them into OAuth responses.</summary>
public static class OidcResults
{
    /// <summary>An OAuth error (<paramref name="error"/>, one of the RFCs' codes) with a sentence a developer or a person can act on.</summary>
    public static IResult Error(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>A bearer-token error (userinfo): 401 with <c>WWW-Authenticate</c>.</summary>
    public static IResult TokenRefused(string error, string description) =>
        Results.Challenge(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Issues the tokens OpenIddict makes from <paramref name="principal"/>.</summary>
    public static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
