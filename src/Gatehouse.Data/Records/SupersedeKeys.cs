namespace Gatehouse.Data.Records;

/// <summary>
/// What an outbox message is about (<see cref="OutboxMessage.SupersedeKey"/>), when a newer message about the same thing
/// makes it pointless: the newest invitation email carries the only link that works, and so does the newest password
/// reset or email-address message of a person. A revoked or accepted invitation makes its pending emails pointless too.
/// </summary>
public static class SupersedeKeys
{
    /// <summary>The emails of one invitation (first sending and every resend).</summary>
    public static string Invitation(Guid invitationId) => $"invitation:{invitationId}";

    /// <summary>A person's password reset emails.</summary>
    public static string PasswordReset(Guid userId) => $"password_reset:{userId}";

    /// <summary>A person's email verification and email change messages: the newest names the address that counts.</summary>
    public static string EmailAddress(Guid userId) => $"email_address:{userId}";
}
