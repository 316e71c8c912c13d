namespace Gatehouse.Server.Oidc;

/// <summary>Section <c>Gatehouse:Oidc</c>: the OpenID Connect provider (docs/oidc.md).</summary>
public sealed class OidcOptions
{
    /// <summary>Serve the provider's endpoints. In production it needs an encrypted key ring (<c>Gatehouse:KeyRing</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long an access token is good for.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an ID token is good for.</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long a refresh token is good for (each use replaces it).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How old the current signing and encryption keys get before new ones replace them.</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each node looks for due rotations and for keys another node made.</summary>
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
