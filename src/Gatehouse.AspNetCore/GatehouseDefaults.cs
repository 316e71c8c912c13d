namespace Gatehouse.AspNetCore;

/// <summary>The names <c>AddGatehouse()</c> registers.</summary>
public static class GatehouseDefaults
{
    /// <summary>The cookie scheme holding the session (and the person's tokens).</summary>
    public const string CookieScheme = "Gatehouse.Cookie";

    /// <summary>The OpenID Connect scheme that signs people in through Gatehouse.</summary>
    public const string OpenIdConnectScheme = "Gatehouse";

    /// <summary>The named <see cref="HttpClient"/> of the REST API calls (permission checks, <see cref="IGatehouseSession.CreateClientAsync"/>).</summary>
    public const string ApiHttpClient = "Gatehouse.Api";

    /// <summary>The named <see cref="HttpClient"/> of the OpenID Connect calls (discovery, token refresh, introspection).</summary>
    public const string OidcHttpClient = "Gatehouse.Oidc";

    /// <summary>The authorization parameter naming the organization to sign in to (docs/oidc.md).</summary>
    public const string OrganizationParameter = "organization";
}

/// <summary>The claims of a Gatehouse session, with the names Gatehouse's ID token gives them (inbound claim mapping is off).</summary>
public static class GatehouseClaimTypes
{
    /// <summary>The person's user id.</summary>
    public const string Subject = "sub";

    /// <summary>The person's full name (the session's name claim).</summary>
    public const string Name = "name";

    /// <summary>The person's email.</summary>
    public const string Email = "email";

    /// <summary>The id of the session's organization.</summary>
    public const string OrganizationId = "org_id";

    /// <summary>The name of the session's organization.</summary>
    public const string OrganizationName = "org_name";

    /// <summary>One claim per role name the person holds in the organization (the session's role claim).</summary>
    public const string Role = "roles";
}
