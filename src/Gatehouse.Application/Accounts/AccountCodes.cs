namespace Gatehouse.Application.Accounts;

/// <summary>Stable codes of the failures a person's own account changes answer.</summary>
public static class AccountCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string ValidationFailed = "validation_failed";
    public const string NotSignedIn = "unauthenticated";
    public const string CurrentPasswordWrong = "current_password_wrong";
    public const string PasswordRejected = "password_rejected";
    public const string EmailUnchanged = "email_unchanged";
    public const string EmailUnavailable = "email_unavailable";
    public const string LinkInvalid = "verification_link_invalid";
    public const string AlreadyVerified = "email_already_verified";
    public const string ResetLinkInvalid = "password_reset_link_invalid";
    public const string UnknownTimeZone = "time_zone_unknown";
#pragma warning restore CS1591
}
