namespace Gatehouse.Application.Invitations;

/// <summary>Stable codes of the failures invitations answer (besides the policy's own).</summary>
public static class InvitationCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string AlreadyPending = "invitation_already_pending";
    public const string DuplicateEmail = "duplicate_email";
    public const string TooManyEmails = "too_many_emails";
    public const string InviteeNameRequired = "invitee_name_required";
    public const string Expired = Core.Invitations.InvitationErrors.Expired;
    public const string Revoked = Core.Invitations.InvitationErrors.Revoked;
    public const string AlreadyUsed = Core.Invitations.InvitationErrors.AlreadyUsed;
    public const string TokenInvalid = Core.Invitations.InvitationErrors.TokenInvalid;
    public const string AccountExists = "invitation_account_exists";
    public const string NotFound = "invitation_not_found";
    public const string SeatLimitReached = "seat_limit_reached";
#pragma warning restore CS1591
}
