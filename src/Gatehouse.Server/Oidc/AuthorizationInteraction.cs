using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.Application.OidcTokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// What the person decided on Gatehouse's pages during one authorization request (signed in again, picked an organization,
/// consented or declined), carried back to the authorization endpoint in the <c>gatehouse_state</c> parameter. It is protected
/// with Data Protection, good for 15 minutes and bound to that request's parameters: it cannot be reused for another request.
/// A pushed request is named by its <c>request_uri</c>, whose parameters OpenIddict restores by itself.
/// </summary>
/// <param name="RequestKey">The hash of the authorization request's own parameters.</param>
/// <param name="UserId">The person who decided on a page; null for a sign-in that was asked for.</param>
/// <param name="SignInAskedAt">When the endpoint sent the person to sign in (prompt=login, max_age, id_token_hint, no session).</param>
/// <param name="OrganizationId">The organization picked.</param>
/// <param name="Consent">True: consented; false: declined; null: not asked.</param>
public sealed record InteractionState(string RequestKey, Guid? UserId, DateTimeOffset? SignInAskedAt, Guid? OrganizationId, bool? Consent);

/// <summary>What a page shows and where it sends the answer.</summary>
/// <param name="ReturnUrl">The authorization request (a local path), without any state.</param>
/// <param name="State">The decisions so far (bound to the signed-in person).</param>
/// <param name="ClientName">The product's name.</param>
/// <param name="Scopes">The scopes the product asks for.</param>
/// <param name="Organizations">The organizations to pick from.</param>
public sealed record InteractionPrompt(string ReturnUrl, InteractionState State, string ClientName, IReadOnlyList<string> Scopes, IReadOnlyList<OrganizationChoice> Organizations);

/// <summary>Protects, reads and binds <see cref="InteractionState"/> and <see cref="InteractionPrompt"/>.</summary>
public sealed class AuthorizationInteraction(IDataProtectionProvider protection)
{
    /// <summary>The parameter the state travels in.</summary>
    public const string Parameter = "gatehouse_state";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Gatehouse.Oidc.Interaction.v1").ToTimeLimitedDataProtector();

    /// <summary>The request's parameters (query, or form for a POST) without the state, in order.</summary>
    public static List<KeyValuePair<string, string?>> Parameters(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source = request.HasFormContentType ? request.Form : request.Query;
        return [.. source.Where(p => p.Key != Parameter).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))];
    }

    /// <summary>A hash naming this authorization request.</summary>
    public static string RequestKey(HttpRequest request)
    {
        var text = string.Join('&', Parameters(request).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value ?? string.Empty)));
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The authorization request as a local GET address, without the state (a POSTed request becomes a query).</summary>
    public static string ReturnUrl(HttpRequest request) =>
        QueryHelpers.AddQueryString(request.PathBase + request.Path, Parameters(request));

    /// <summary>The state the request carries, when it is genuine, fresh and made for this very request; else null.</summary>
    public InteractionState? Read(HttpRequest request)
    {
        var text = request.HasFormContentType ? request.Form[Parameter].ToString() : request.Query[Parameter].ToString();
        return Unprotect<InteractionState>(text) is { } state && state.RequestKey == RequestKey(request) ? state : null;
    }

    /// <summary><paramref name="returnUrl"/> with <paramref name="state"/> attached.</summary>
    public string WithState(string returnUrl, InteractionState state) => QueryHelpers.AddQueryString(returnUrl, Parameter, Protect(state));

    /// <summary>Protects a value for a page or a link.</summary>
    public string Protect<T>(T value) => _protector.Protect(JsonSerializer.Serialize(value), Lifetime);

    /// <summary>The value, or null when it was altered, expired or is not one.</summary>
    public T? Unprotect<T>(string? text) where T : class
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(_protector.Unprotect(text));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
