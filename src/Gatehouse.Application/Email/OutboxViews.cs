using Gatehouse.Data.Records;

namespace Gatehouse.Application.Email;

/// <summary>
/// One email. <c>status</c>: pending (waiting for an attempt), sent (accepted by the SMTP server, or kept in the dev
/// mailbox: see <c>deliveredVia</c>), failed (every attempt failed; <c>lastError</c> says why) or superseded (a newer
/// email about the same invitation, password reset or email address replaced it before it went out; never sent).
/// </summary>
public sealed record OutboxMessageDto(Guid Id, Guid? OrganizationId, string Kind, string To, string Subject, string TextBody,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError, string Status, string? DeliveredVia, DateTimeOffset NextAttemptAt)
{
    /// <summary>The view of a stored email.</summary>
    public static OutboxMessageDto Of(OutboxMessage m) =>
        new(m.Id, m.OrganizationId, m.Kind, m.To, m.Subject, m.TextBody, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, m.Status, m.DeliveredVia, m.NextAttemptAt);
}

/// <summary>An email in the dev mailbox's list.</summary>
public sealed record DevMailDto(Guid Id, string Kind, string To, string Subject, DateTimeOffset CreatedAt, string Status);

/// <summary>One email of the dev mailbox with its bodies.</summary>
public sealed record DevMailDetailDto(Guid Id, string Kind, string To, string Subject, DateTimeOffset CreatedAt, string Status, string TextBody, string? HtmlBody);
