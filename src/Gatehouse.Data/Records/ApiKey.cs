namespace Gatehouse.Data.Records;

/// <summary>A stored API key: only its hash is kept; the plaintext is shown once at creation.</summary>
public sealed class ApiKey
{
    /// <summary>The prefix every key starts with, so secret scanners can find leaked keys.</summary>
    public const string TokenPrefix = "ghk_";

    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the key (see <see cref="Core.Secrets.SecretToken"/>).</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public string Hint { get; set; } = string.Empty;

    /// <summary>What the key is for.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The user the key acts as (a person or a service account).</summary>
    public Guid UserId { get; set; }

    /// <summary>For a service account's key, the one organization it belongs to.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>Who created the key.</summary>
    public Guid? CreatedByUserId { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last used (updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When it was revoked, or null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
