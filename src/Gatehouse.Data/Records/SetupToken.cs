namespace Gatehouse.Data.Records;

/// <summary>The one-time link printed at first start that creates the first platform operator.</summary>
public sealed class SetupToken
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token.</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was used, or null while it is still valid.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
