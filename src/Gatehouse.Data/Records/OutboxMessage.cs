namespace Gatehouse.Data.Records;

/// <summary>An email waiting to be delivered, written in the same transaction as the change that causes it.</summary>
public sealed class OutboxMessage
{
    /// <summary>A message ready for delivery now; with a <paramref name="supersedeKey"/> it replaces pending older messages with the same key.</summary>
    public static OutboxMessage Queued(Guid? organizationId, string kind, string to, string subject, string textBody, string? htmlBody, DateTimeOffset now,
        string? supersedeKey = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        Kind = kind,
        To = to,
        Subject = subject,
        TextBody = textBody,
        HtmlBody = htmlBody,
        CreatedAt = now,
        NextAttemptAt = now,
        SupersedeKey = supersedeKey,
    };

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

    /// <summary><see cref="OutboxStatus.Pending"/>, <see cref="OutboxStatus.Sent"/>, <see cref="OutboxStatus.Failed"/> or <see cref="OutboxStatus.Superseded"/>.</summary>
    public string Status { get; set; } = OutboxStatus.Pending;

    /// <summary>Where a sent message went: <see cref="OutboxStatus.ViaSmtp"/> or <see cref="OutboxStatus.ViaDevMailbox"/>; null until sent.</summary>
    public string? DeliveredVia { get; set; }

    /// <summary>Until when a node holds the message to send it; null when no node does.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The claim that holds the message (a fresh id per claim).</summary>
    public Guid? ClaimedBy { get; set; }

    /// <summary>
    /// What the message is about, when a newer message about the same thing makes it pointless (e.g. <c>invitation:{id}</c>):
    /// saving a new message with a key marks the pending older ones with that key <see cref="OutboxStatus.Superseded"/>.
    /// </summary>
    public string? SupersedeKey { get; set; }
}

/// <summary>The states of an outbox message and where sent messages went.</summary>
public static class OutboxStatus
{
    /// <summary>Waiting for (another) delivery attempt.</summary>
    public const string Pending = "pending";

    /// <summary>Delivered: the SMTP server accepted it, or it was kept in the dev mailbox.</summary>
    public const string Sent = "sent";

    /// <summary>Every attempt failed; an operator may retry it.</summary>
    public const string Failed = "failed";

    /// <summary>A newer message about the same thing replaced it before it went out; it is never sent.</summary>
    public const string Superseded = "superseded";

    /// <summary>Handed to the configured SMTP server.</summary>
    public const string ViaSmtp = "smtp";

    /// <summary>Kept in the local dev mailbox (no SMTP server configured).</summary>
    public const string ViaDevMailbox = "dev_mailbox";
}
