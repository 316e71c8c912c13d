namespace Gatehouse.Server.Api;

/// <summary>Stable codes of the problems the invitation and role endpoints report (besides the policy's own).</summary>
public static class InvitationCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string AlreadyPending = "invitation_already_pending";
    public const string DuplicateEmail = "duplicate_email";
    public const string TooManyEmails = "too_many_emails";
    public const string Expired = "invitation_expired";
    public const string Revoked = "invitation_revoked";
    public const string AlreadyUsed = "invitation_already_used";
    public const string TokenInvalid = "invitation_token_invalid";
    public const string AccountExists = "invitation_account_exists";
    public const string SeatLimitReached = "seat_limit_reached";
    public const string RoleInUse = "role_in_use";
#pragma warning restore CS1591
}
