using Gatehouse.Application.OidcTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Server.Oidc;

/// <summary>Userinfo (from the database, so it is current and refused once the person may no longer act) and RP-initiated logout.</summary>
public static class SessionEndpoints
{
    /// <summary>Answers userinfo for a person's access token: the claims its scopes allow, for the token's organization.</summary>
    public static async Task<IResult> UserInfoAsync(HttpContext http, TokenEligibility eligibility)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict validated an access token without a principal.");
        if (OidcClaims.PersonOf(principal) is not { } person || OidcClaims.OrganizationOf(principal) is not { } organizationId)
        {
            return OidcResults.TokenRefused(Errors.InvalidToken, "Userinfo describes a person; this access token was issued to a client acting for its organization.");
        }
        var identity = await eligibility.ForPersonAsync(person, organizationId, http.RequestAborted);
        if (!identity.Succeeded)
        {
            return OidcResults.TokenRefused(Errors.InvalidToken, identity.Failure.Sentence);
        }
        var who = identity.Value;
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = who.UserId.ToString("D"),
            [OidcClaims.OrganizationId] = who.OrganizationId.ToString("D"),
            [OidcClaims.OrganizationName] = who.OrganizationName,
            [OidcClaims.Roles] = who.Roles,
        };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = who.DisplayName;
            claims[Claims.GivenName] = who.FirstName;
            claims[Claims.FamilyName] = who.LastName;
        }
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = who.Email;
            claims[Claims.EmailVerified] = who.EmailVerified;
        }
        return Results.Json(claims);
    }

    /// <summary>
    /// Ends the Gatehouse session and returns to the product's post_logout_redirect_uri, which OpenIddict matched exactly against
    /// the registration (or to Gatehouse's sign-in page without one).
    /// </summary>
    public static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = http.Request.PathBase + "/account/sign-in?signedOut=1" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
