namespace Gatehouse.Application.OidcClients;

/// <summary>A registered client as the API shows it; never its secret.</summary>
/// <param name="ClientId">The <c>client_id</c>.</param>
/// <param name="Name">What people see on the consent screen and in the audit log.</param>
/// <param name="Type"><c>public</c> (a browser or mobile app, no secret, PKCE S256) or <c>confidential</c> (a back end with a secret).</param>
/// <param name="RedirectUris">Where sign-ins may return, matched exactly.</param>
/// <param name="PostLogoutRedirectUris">Where sign-outs may return, matched exactly.</param>
/// <param name="ParRequired">The client must push its authorization requests (RFC 9126).</param>
/// <param name="FirstParty">The product's own app: no consent screen.</param>
/// <param name="OrganizationId">The organization a confidential client acts for with client credentials; null when it has none.</param>
/// <param name="AllowedOrigins">The browser origins allowed to call the token, userinfo and revocation endpoints (CORS).</param>
public sealed record OidcClientView(string ClientId, string Name, string Type, IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris, bool ParRequired, bool FirstParty, Guid? OrganizationId, IReadOnlyList<string>? AllowedOrigins = null);

/// <summary>A client just registered, with its secret: the only time the secret is shown (only its hash is kept).</summary>
/// <param name="Client">The client.</param>
/// <param name="ClientSecret">The secret of a confidential client; null for a public one.</param>
public sealed record CreatedOidcClient(OidcClientView Client, string? ClientSecret);
