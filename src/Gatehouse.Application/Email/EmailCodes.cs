namespace Gatehouse.Application.Email;

/// <summary>Stable codes of the failures the outbox and dev mailbox use cases answer.</summary>
public static class EmailCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string OutboxMessageNotFound = "email_not_found";
    public const string OutboxMessageAlreadySent = "email_already_sent";
    public const string OutboxMessageSuperseded = "email_superseded";
    public const string DevMailboxUnavailable = "dev_mailbox_unavailable";
    public const string PlatformOperatorRequired = "platform_operator_required";
#pragma warning restore CS1591
}
