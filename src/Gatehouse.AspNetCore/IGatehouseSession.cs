using Gatehouse.Client;

namespace Gatehouse.AspNetCore;

/// <summary>The signed-in person's Gatehouse session in the current request (scoped).</summary>
public interface IGatehouseSession
{
    /// <summary>Who is signed in and for which organization; null when nobody is.</summary>
    GatehouseIdentity? Identity { get; }

    /// <summary>The person's current access token (renewed before it expires by the session's validation), or null when nobody is signed in.</summary>
    Task<string?> GetAccessTokenAsync();

    /// <summary>
    /// A client of Gatehouse's REST API acting as the signed-in person, in the session's organization only (docs/oidc.md):
    /// for instance to list the scopes of <see cref="GatehouseIdentity.OrganizationId"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nobody is signed in.</exception>
    Task<IGatehouseClient> CreateClientAsync();
}
