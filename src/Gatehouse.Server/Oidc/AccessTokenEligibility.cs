using Gatehouse.Application.OidcTokens;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// A person's access token presented to the REST API is honoured only while the eligibility rule holds, checked on every request:
/// once the person is deactivated or removed, or their account paused or erased, their unexpired token is refused at once. It runs
/// after the signature, lifetime and audience checks and before the token entry is read, so a deactivation (which also revokes the
/// token's entry) is reported as such, with a sentence saying why.
/// </summary>
public sealed class AccessTokenEligibility(TokenEligibility eligibility) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    /// <summary>The error a refused token carries through OpenIddict to <see cref="Auth.AccessTokenAuthenticationHandler"/>.</summary>
    public const string NotEligible = "token_not_eligible";

    /// <summary>The claim the person's current name travels in to the authentication handler (for audit events).</summary>
    public const string NameClaim = "gh:token_name";

    /// <inheritdoc/>
    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        // Client credentials tokens name no person: the authentication handler refuses them with their own code.
        if (context.Principal is not { } principal || OidcClaims.PersonOf(principal) is not { } person || OidcClaims.OrganizationOf(principal) is not { } organizationId)
        {
            return;
        }
        var identity = await eligibility.ForPersonAsync(person, organizationId);
        if (!identity.Succeeded)
        {
            context.Reject(NotEligible, identity.Failure.Sentence);
            return;
        }
        principal.SetClaim(NameClaim, identity.Value.DisplayName);
    }
}
