namespace Gatehouse.Data.Records;

/// <summary>An email waiting to be delivered, written in the same transaction as the change that causes it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The organization the message is about, or null.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>What kind of message: <c>invitation</c>, <c>invitation_resent</c>, ….</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Recipient address.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Subject line.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>Plain-text body.</summary>
    public string TextBody { get; set; } = string.Empty;

    /// <summary>HTML body, or null.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was delivered, or null.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Earliest time of the next attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The last delivery error, or null.</summary>
    public string? LastError { get; set; }
}
