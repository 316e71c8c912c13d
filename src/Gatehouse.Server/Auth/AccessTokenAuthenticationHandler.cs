using System.Text.Encodings.Web;
using Gatehouse.Data.Records;
using Gatehouse.Server.Api;
using Gatehouse.Server.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Gatehouse.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> access tokens that Gatehouse's own OpenID Connect provider issued to a product for a
/// person: OpenIddict checks the signature, issuer, type, lifetime and the token's entry, <see cref="AccessTokenEligibility"/> the
/// person's membership, and the caller acts as that person in the token's organization only (docs/oidc.md, "The REST API with an
/// access token"). API keys (<c>ghk_</c>) never reach this handler.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "AccessToken";

    /// <summary>
    /// The audience that names Gatehouse's REST API. Gatehouse's tokens carry no audience today (they are for the person, not one
    /// resource); a token that names audiences was made for other resources unless this one is among them.
    /// </summary>
    public const string ApiAudience = "gatehouse-api";

    private static readonly object RefusalKey = new();

    /// <summary>True when the request carries a bearer token that is not an API key (those start with <c>ghk_</c>).</summary>
    public static bool CarriesAccessToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !header["Bearer ".Length..].TrimStart().StartsWith(ApiKey.TokenPrefix, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var validated = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!validated.Succeeded)
        {
            var error = validated.Properties?.GetString(OpenIddictValidationAspNetCoreConstants.Properties.Error);
            var reason = validated.Properties?.GetString(OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription);
            return error == AccessTokenEligibility.NotEligible
                ? Refuse(ProblemCodes.TokenNotEligible, "This access token's person may no longer act in its organization: " + reason)
                : Refuse(ProblemCodes.InvalidAccessToken, "The bearer token is neither a Gatehouse API key nor a valid access token from Gatehouse's sign-in"
                    + (string.IsNullOrEmpty(reason) ? "" : $" ({reason.TrimEnd('.')})") + ". Sign the person in again for a new token, or send an API key (ghk_…).");
        }
        var principal = validated.Principal;
        if (OidcClaims.PersonOf(principal) is not { } person || OidcClaims.OrganizationOf(principal) is not { } organizationId)
        {
            return Refuse(ProblemCodes.ServiceTokenNotAccepted,
                "This access token was issued to a client acting for its organization (client credentials), and the REST API acts for people or API keys only. "
                + "Give the product's back end a service account's API key instead (POST /api/v1/organizations/{id}/service-accounts).");
        }
        var audiences = principal.GetAudiences();
        if (!audiences.IsDefaultOrEmpty && !audiences.Contains(ApiAudience))
        {
            return Refuse(ProblemCodes.InvalidAccessToken, $"This access token was made for another API ({string.Join(", ", audiences)}), not for Gatehouse's. Send a token Gatehouse issued for the person.");
        }
        var name = principal.GetClaim(AccessTokenEligibility.NameClaim) ?? string.Empty;
        var caller = new Caller(person, name, IsPlatformOperator: false, ServiceOrganizationId: null, ApiKeyId: null, TokenOrganizationId: organizationId);
        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, sentence) = Context.Items[RefusalKey] as (string, string)? ?? (ProblemCodes.InvalidAccessToken, "Send a valid access token or an API key (ghk_…).");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await Response.WriteAsJsonAsync(Problems.Details(StatusCodes.Status401Unauthorized, code, sentence),
            options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json");
    }

    private AuthenticateResult Refuse(string code, string sentence)
    {
        Context.Items[RefusalKey] = (code, sentence);
        return AuthenticateResult.Fail(sentence);
    }
}
