namespace Gatehouse.Data.Records;

/// <summary>What an OpenID Connect provider key is used for.</summary>
public enum OidcKeyUse
{
    /// <summary>Signs the ID and access tokens; its public half is published in the JWKS.</summary>
    Signing = 0,

    /// <summary>Encrypts the tokens only the provider reads (authorization codes, refresh tokens).</summary>
    Encryption = 1,
}

/// <summary>
/// One of the provider's RSA keys. The private key is kept only as Data Protection ciphertext, so reading the database
/// alone does not let anyone mint tokens; every node loads the same keys.
/// </summary>
public sealed class OidcKey
{
    /// <summary>Identifier; also the key's <c>kid</c>.</summary>
    public Guid Id { get; set; }

    /// <summary>Signing or encryption.</summary>
    public OidcKeyUse Use { get; set; }

    /// <summary>The PKCS#8 private key, protected with the Data Protection key ring (base64).</summary>
    public string ProtectedKey { get; set; } = string.Empty;

    /// <summary>When it was generated.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a newer key replaced it for new tokens; null while it is the current key.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>When it stops being published, after every token it signed has expired.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
