namespace Gatehouse.Application.Platform;

/// <summary>Stable codes of the failures the platform operators' use cases answer (finding and erasing accounts, setup).</summary>
public static class PlatformCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string PlatformOperatorRequired = "platform_operator_required";
    public const string ValidationFailed = "validation_failed";
    public const string UserNotFound = "user_not_found";
    public const string CannotEraseSelf = "cannot_erase_self";
    public const string AlreadyErased = "user_already_erased";
    public const string InvalidSetupToken = "invalid_setup_token";
#pragma warning restore CS1591
}
