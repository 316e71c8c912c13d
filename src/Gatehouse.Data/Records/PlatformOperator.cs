namespace Gatehouse.Data.Records;

/// <summary>A user who is one of the deployment owner's own staff (product support).</summary>
public sealed class PlatformOperator
{
    /// <summary>The user.</summary>
    public Guid UserId { get; set; }

    /// <summary>Since when.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
