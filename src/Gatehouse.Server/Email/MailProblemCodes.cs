namespace Gatehouse.Server.Email;

/// <summary>Stable codes of the problems the outbox and dev mailbox endpoints report.</summary>
public static class MailProblemCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string OutboxMessageNotFound = "email_not_found";
    public const string OutboxMessageAlreadySent = "email_already_sent";
    public const string OutboxMessageSuperseded = "email_superseded";
    public const string DevMailboxUnavailable = "dev_mailbox_unavailable";
#pragma warning restore CS1591
}
