using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Gatehouse.Application.OidcTokens;
using Gatehouse.Data;
using Gatehouse.Server.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// The authorization endpoint after OpenIddict validated the request (client, exact redirect URI, PKCE, scopes, PAR): who is signed
/// in through Gatehouse's own pages and session, for which organization, with what consent. Every refusal goes back to the product
/// as an OAuth error it can show; nothing is stored before the person may have tokens.
/// </summary>
public sealed class AuthorizeEndpoint(
    AuthorizationInteraction interaction,
    TokenEligibility eligibility,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    GatehouseDb db,
    TimeProvider time)
{
    /// <summary>Answers one authorization request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not hand over the authorization request.");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var userId = session.Succeeded && Guid.TryParse(session.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var state = interaction.Read(http.Request);
        var authTime = session.Succeeded ? SessionAuthTime.Of(session) : null;
        if (await SignInNeededAsync(http, request, userId, authTime, state) is { } signIn)
        {
            return signIn;
        }
        var person = userId!.Value;
        // Decisions made on the pages by this person (or a sign-in asked for by this request) carry on through the next pages.
        var decided = state is not null && (state.UserId is null || state.UserId == person) ? state with { UserId = person } : NewState(http, person);
        if (OrganizationParameter(request) is { Error: { } badOrganization })
        {
            return OidcResults.Error(Errors.InvalidRequest, badOrganization);
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist.");
        var organizationId = decided.OrganizationId ?? OrganizationParameter(request).Id;
        if (organizationId is null)
        {
            var choices = await eligibility.ActiveOrganizationsAsync(person, http.RequestAborted);
            if (choices.Count == 0)
            {
                return OidcResults.Error(Errors.AccessDenied,
                    "This account has no active membership in any organization, so it cannot sign in to products. Ask an administrator to invite or reactivate you.");
            }
            if (choices.Count > 1)
            {
                return request.HasPromptValue(PromptValues.None)
                    ? OidcResults.Error(Errors.AccountSelectionRequired, "This person belongs to several organizations: ask for one with the 'organization' parameter or an 'org:{id}' scope, or let them pick without prompt=none.")
                    : await PromptAsync(http, request, application, "/connect/organization", decided, choices);
            }
            organizationId = choices[0].Id;
        }
        var identity = await eligibility.ForPersonAsync(person, organizationId.Value, http.RequestAborted);
        if (!identity.Succeeded)
        {
            return OidcResults.Error(Errors.AccessDenied, identity.Failure.Sentence);
        }
        var applicationId = await applications.GetIdAsync(application, http.RequestAborted);
        if (await ConsentNeededAsync(http, request, application, applicationId!, person, decided with { OrganizationId = organizationId }) is { } consent)
        {
            return consent;
        }
        var principal = OidcClaims.ForPerson(identity.Value, request.GetScopes(), authTime);
        // The authorization is written with the code, in the sign-in's one batch at its end (SignInTransaction); both link to the
        // client's registration, kept in memory.
        SignInTransaction.Hold(db, request);
        OidcApplicationCache.TrackCopy(db, (OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication)application);
        principal.SetAuthorizationId(await TokenAuthorizationAsync(http, applicationId!, person, organizationId.Value, request.GetScopes()));
        return OidcResults.SignIn(principal);
    }

    /// <summary>
    /// Sends the person to the sign-in page (and back here) when there is no session, when the product asked for a new sign-in
    /// (prompt=login), when the session is older than max_age, or when id_token_hint names someone else. With prompt=none: login_required.
    /// </summary>
    private async Task<IResult?> SignInNeededAsync(HttpContext http, OpenIddictRequest request, Guid? userId, DateTimeOffset? authTime, InteractionState? state)
    {
        // Signed in since this very request sent them to the sign-in page: that sign-in satisfies prompt=login and max_age.
        var fresh = state?.SignInAskedAt is { } asked && authTime >= asked;
        var hinted = await HintedSubjectAsync(http, request);
        var reason = userId is null ? "No one is signed in to Gatehouse in this browser."
            : !fresh && request.HasPromptValue(PromptValues.Login) ? "The product asked for a new sign-in (prompt=login)."
            : !fresh && request.MaxAge is { } maxAge && (authTime is null || time.GetUtcNow() - authTime.Value > TimeSpan.FromSeconds(maxAge)) ? "The sign-in is older than max_age."
            : hinted is not null && hinted != userId?.ToString("D") ? "The account signed in is not the one id_token_hint names."
            : null;
        if (reason is null)
        {
            return null;
        }
        if (request.HasPromptValue(PromptValues.None) || (fresh && hinted is not null))
        {
            return OidcResults.Error(Errors.LoginRequired, reason + " Send the person without prompt=none so they can sign in.");
        }
        var returnUrl = interaction.WithState(AuthorizationInteraction.ReturnUrl(http.Request),
            new InteractionState(AuthorizationInteraction.RequestKey(http.Request), null, time.GetUtcNow().AddSeconds(-1), null, null));
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + "/account/sign-in", "ReturnUrl", returnUrl));
    }

    /// <summary>The subject of a valid id_token_hint, which OpenIddict checked (signature, issuer) before this endpoint ran.</summary>
    private static async Task<string?> HintedSubjectAsync(HttpContext http, OpenIddictRequest request)
    {
        if (string.IsNullOrEmpty(request.IdTokenHint))
        {
            return null;
        }
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return hint.Principal?.GetClaim(Claims.Subject);
    }

    /// <summary>The organization the product asked for ('organization' parameter, or an 'org:{id}' scope moved there), or why it is unusable.</summary>
    private static (Guid? Id, string? Error) OrganizationParameter(OpenIddictRequest request)
    {
        var value = (string?)request[OrganizationScope.Parameter];
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }
        return Guid.TryParse(value, out var id) ? (id, null) : (null, "The 'organization' parameter must be an organization's id (a GUID), as the 'org:{id}' scope would carry.");
    }

    /// <summary>The consent page for a client that is not first-party, unless the person consented to these scopes before (a permanent authorization).</summary>
    private async Task<IResult?> ConsentNeededAsync(HttpContext http, OpenIddictRequest request, object application, string applicationId, Guid person, InteractionState decided)
    {
        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, http.RequestAborted))
        {
            return null;
        }
        var subject = person.ToString("D");
        var scopes = request.GetScopes();
        await foreach (var _ in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, http.RequestAborted))
        {
            return null;
        }
        if (decided.Consent == false)
        {
            return OidcResults.Error(Errors.AccessDenied, "The person declined to let this product use their Gatehouse account.");
        }
        if (decided.Consent == true)
        {
            await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
            {
                ApplicationId = applicationId, Subject = subject, Type = AuthorizationTypes.Permanent, Status = Statuses.Valid,
                CreationDate = time.GetUtcNow(),
            }.WithScopes(scopes), http.RequestAborted);
            return null;
        }
        if (request.HasPromptValue(PromptValues.None))
        {
            return OidcResults.Error(Errors.ConsentRequired, "The person has not yet agreed to let this product use their account: send them without prompt=none.");
        }
        return await PromptAsync(http, request, application, "/connect/consent", decided, []);
    }

    /// <summary>The authorization the tokens of this sign-in hang on: it names the organization, so deactivation revokes exactly these.</summary>
    private async Task<string?> TokenAuthorizationAsync(HttpContext http, string applicationId, Guid person, Guid organizationId, ImmutableArray<string> scopes)
    {
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = applicationId, Subject = person.ToString("D"), Type = AuthorizationTypes.AdHoc, Status = Statuses.Valid, CreationDate = time.GetUtcNow(),
        }.WithScopes(scopes);
        descriptor.Properties[OidcTokenRevocation.OrganizationProperty] = JsonSerializer.SerializeToElement(organizationId.ToString("D"));
        var authorization = await authorizations.CreateAsync(descriptor, http.RequestAborted);
        return await authorizations.GetIdAsync(authorization, http.RequestAborted);
    }

    private async Task<IResult> PromptAsync(HttpContext http, OpenIddictRequest request, object application, string page, InteractionState state, IReadOnlyList<OrganizationChoice> choices)
    {
        var name = await applications.GetLocalizedDisplayNameAsync(application, http.RequestAborted) ?? request.ClientId!;
        var prompt = new InteractionPrompt(AuthorizationInteraction.ReturnUrl(http.Request), state, name, [.. request.GetScopes()], choices);
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + page, "prompt", interaction.Protect(prompt)));
    }

    private static InteractionState NewState(HttpContext http, Guid person) => new(AuthorizationInteraction.RequestKey(http.Request), person, null, null, null);
}

/// <summary>Small helpers for OpenIddict's descriptors.</summary>
internal static class DescriptorExtensions
{
    /// <summary>Adds the scopes and returns the descriptor.</summary>
    public static OpenIddictAuthorizationDescriptor WithScopes(this OpenIddictAuthorizationDescriptor descriptor, IEnumerable<string> scopes)
    {
        descriptor.Scopes.UnionWith(scopes);
        return descriptor;
    }
}
