namespace Gatehouse.AspNetCore;

/// <summary>How a product reaches Gatehouse, signs people in through it and asks it for permissions (<c>services.AddGatehouse(o => …)</c>).</summary>
public sealed class GatehouseOptions
{
    /// <summary>Gatehouse's address, e.g. <c>https://gatehouse.example.com</c>: the OpenID Connect issuer (its public URL).</summary>
    public Uri? Authority { get; set; }

    /// <summary>Where Gatehouse's REST API answers; null for the <see cref="Authority"/> itself (the usual case).</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>The product's <c>client_id</c>, registered as a confidential client with Gatehouse.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret (shown once at registration). Needed to refresh tokens and check sessions.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>False only for a Gatehouse on plain <c>http://127.0.0.1</c> (a developer machine, tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The longest a permission check (and a session check or refresh) waits for Gatehouse; after it, the answer is a refusal
    /// saying Gatehouse could not be reached. Default 2 seconds.
    /// </summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an answer of Gatehouse is reused for the same person, organization, permission and place. A change of access
    /// applies in the product after at most this long. Default 5 seconds; <see cref="TimeSpan.Zero"/> asks every time.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most answers kept in the cache (the least recently used go first). Default 10,000.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>
    /// How often a signed-in person's session is checked with Gatehouse (token introspection): a person deactivated in, or
    /// removed from, the session's organization is signed out at their first request after it. Default
    /// <see cref="TimeSpan.Zero"/>: at every request.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.Zero;

    /// <summary>The access token (5 minutes) is renewed with the refresh token when it has less than this left. Default 1 minute.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A refused <c>RequirePermission</c> of a signed-in person answers 403 problem details naming the permission
    /// (<c>code</c> <c>permission_missing</c>, <c>gatehouse_unavailable</c>, …) instead of the cookie's access-denied redirect.
    /// Default true.
    /// </summary>
    public bool RefusalsAsProblemDetails { get; set; } = true;

    /// <summary>Where the sign-in, sign-out and organization switch endpoints of <c>MapGatehouse()</c> live. Default <c>/gatehouse</c>.</summary>
    public string EndpointsPrefix { get; set; } = "/gatehouse";

    internal Uri Api => ApiBaseUrl ?? Authority ?? throw new InvalidOperationException("Set GatehouseOptions.Authority.");
}
