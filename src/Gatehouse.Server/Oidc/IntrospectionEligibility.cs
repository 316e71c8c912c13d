using Gatehouse.Application.OidcTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Introspection answers <c>active: false</c> for a token whose person is no longer an active member of the token's organization
/// (or whose organization is gone), from the moment of the change, even while the token has not expired (RFC 7662 §2.2: a token
/// is active only while the authorization server still stands by it).
/// </summary>
public sealed class IntrospectionEligibility(TokenEligibility eligibility) : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    /// <inheritdoc/>
    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || OidcClaims.OrganizationOf(principal) is not { } organizationId)
        {
            return;
        }
        var refused = OidcClaims.PersonOf(principal) is { } person
            ? !(await eligibility.ForPersonAsync(person, organizationId)).Succeeded
            : !(await eligibility.ForServiceAsync(organizationId)).Succeeded;
        if (refused)
        {
            // invalid_token becomes a bare {"active": false}, as the RFC requires.
            context.Reject(Errors.InvalidToken, "The token's holder may no longer act in its organization.");
        }
    }
}
