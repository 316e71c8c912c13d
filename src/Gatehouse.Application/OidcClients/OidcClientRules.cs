using System.Net;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Application.OidcClients;

/// <summary>What a client registration must say, and what a registered client may do.</summary>
public static class OidcClientRules
{
    /// <summary>OpenIddict's requirement that a client push its authorization requests (RFC 9126).</summary>
    public const string PushedAuthorizationRequests = Requirements.Prefixes.Feature + "par";

    /// <summary>Why the command cannot be registered, or null.</summary>
    public static Failure? Problem(CreateOidcClientCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > 200)
        {
            return Failure.Invalid("name", OidcClientCodes.ValidationFailed, "Give the client a name of 1 to 200 characters; people see it when they sign in.");
        }
        if (command.Type is not (ClientTypes.Public or ClientTypes.Confidential))
        {
            return Failure.Invalid("type", OidcClientCodes.ValidationFailed,
                "Type is 'public' (a browser or mobile app, which cannot keep a secret) or 'confidential' (a back end that keeps one).");
        }
        if (command.RedirectUris is not { Count: > 0 })
        {
            return Failure.Invalid("redirectUris", OidcClientCodes.ValidationFailed, "Give at least one redirect URI: the address sign-ins return to.");
        }
        foreach (var (field, uris) in new[] { ("redirectUris", command.RedirectUris), ("postLogoutRedirectUris", command.PostLogoutRedirectUris ?? []) })
        {
            if (uris.FirstOrDefault(u => !Usable(u)) is { } bad)
            {
                return Failure.Invalid(field, OidcClientCodes.ValidationFailed,
                    $"'{bad}' cannot be used: give absolute https:// addresses without a fragment (http:// only on localhost or a loopback address); they are matched exactly.");
            }
        }
        if (command.OrganizationId is not null && command.Type != ClientTypes.Confidential)
        {
            return Failure.Invalid("organizationId", OidcClientCodes.ValidationFailed,
                "Only a confidential client (a back end that keeps a secret) may act for an organization with client credentials; leave organizationId out for a public client.");
        }
        return OidcClientOrigins.Problem(command.AllowedOrigins);
    }

    /// <summary>The property of a client registration naming the organization it acts for with client credentials.</summary>
    public const string OrganizationProperty = "gatehouse_organization_id";

    /// <summary>The organization a client acts for with client credentials, if any.</summary>
    public static Guid? OrganizationOf(OpenIddictApplicationDescriptor d) =>
        d.Properties.TryGetValue(OrganizationProperty, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
        && Guid.TryParse(value.GetString(), out var id) ? id : null;

    /// <summary>The endpoints, flows and scopes a client may use.</summary>
    public static IEnumerable<string> PermissionsFor(bool confidential)
    {
        string[] common =
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
            Permissions.Endpoints.PushedAuthorization,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + OpenIddictConstants.Scopes.OfflineAccess,
        ];
        return confidential ? [.. common, Permissions.Endpoints.Introspection, Permissions.GrantTypes.ClientCredentials] : common;
    }

    /// <summary>How the API shows a registration.</summary>
    public static OidcClientView View(OpenIddictApplicationDescriptor d) => new(d.ClientId!, d.DisplayName!, d.ClientType!,
        [.. d.RedirectUris.Select(u => u.OriginalString)], [.. d.PostLogoutRedirectUris.Select(u => u.OriginalString)],
        d.Requirements.Contains(PushedAuthorizationRequests), d.ConsentType == ConsentTypes.Implicit, OrganizationOf(d),
        OidcClientOrigins.Of(d));

    private static bool Usable(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var url) && url.Fragment.Length == 0 && url.UserInfo.Length == 0
        && (url.Scheme == Uri.UriSchemeHttps
            || (url.Scheme == Uri.UriSchemeHttp && (url.Host == "localhost" || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))));
}
