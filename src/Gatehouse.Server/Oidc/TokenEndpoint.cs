using Gatehouse.Application.OidcClients;
using Gatehouse.Application.OidcTokens;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// The token endpoint after OpenIddict checked the client, the code (with its PKCE verifier and redirect URI) or the refresh token
/// (not redeemed, not revoked): the eligibility rule again on every code redemption and every refresh, with the person's current
/// names and roles; and client credentials for a confidential client acting for its organization.
/// </summary>
public sealed class TokenEndpoint(TokenEligibility eligibility, IOpenIddictApplicationManager applications)
{
    /// <summary>Answers one token request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not hand over the token request.");
        if (request.IsClientCredentialsGrantType())
        {
            return await ClientCredentialsAsync(http, request);
        }
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return OidcResults.Error(Errors.UnsupportedGrantType, "Use authorization_code, refresh_token or client_credentials.");
        }
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict validated a grant without a principal.");
        if (OidcClaims.PersonOf(principal) is not { } person || OidcClaims.OrganizationOf(principal) is not { } organizationId)
        {
            return OidcResults.Error(Errors.InvalidGrant, "This grant names no person and organization; start a new sign-in.");
        }
        var identity = await eligibility.ForPersonAsync(person, organizationId, http.RequestAborted);
        if (!identity.Succeeded)
        {
            return OidcResults.Error(Errors.InvalidGrant, identity.Failure.Sentence);
        }
        OidcClaims.Refresh(principal, identity.Value, OidcClaims.AuthTimeOf(principal));
        return OidcResults.SignIn(principal);
    }

    private async Task<IResult> ClientCredentialsAsync(HttpContext http, OpenIddictRequest request)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client that does not exist.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, http.RequestAborted);
        if (OidcClientRules.OrganizationOf(descriptor) is not { } organizationId)
        {
            return OidcResults.Error(Errors.UnauthorizedClient,
                "This client acts for no organization. A platform operator registers it with an organizationId to let it use client credentials.");
        }
        var organization = await eligibility.ForServiceAsync(organizationId, http.RequestAborted);
        return organization.Succeeded
            ? OidcResults.SignIn(OidcClaims.ForService(request.ClientId!, organizationId, organization.Value, request.GetScopes()))
            : OidcResults.Error(Errors.UnauthorizedClient, organization.Failure.Sentence);
    }
}
