namespace Gatehouse.Server.Api;

/// <summary>Stable codes of problems the server itself reports (the management policy's own codes are in <see cref="Core.Management.ManagementCodes"/>).</summary>
public static class ProblemCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string MalformedRequest = "malformed_request";
    public const string BodyTooLarge = "body_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string ValidationFailed = "validation_failed";
    public const string InvalidText = "invalid_text";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidApiKey = "invalid_api_key";
    public const string InvalidAccessToken = "invalid_access_token";
    public const string TokenNotEligible = "token_not_eligible";
    public const string ServiceTokenNotAccepted = "service_token_not_accepted";
    public const string ApiKeyRequired = "api_key_required";
    public const string PlatformOperatorRequired = "platform_operator_required";
    public const string OrganizationNotFound = "organization_not_found";
    public const string ScopeNotFound = "scope_not_found";
    public const string InvitationNotFound = "invitation_not_found";
    public const string RoleNotFound = "role_not_found";
    public const string RoleInUse = "role_in_use";
    public const string ApiKeyNotFound = "api_key_not_found";
    public const string RouteNotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string VersionConflict = "version_conflict";
    public const string InvalidCursor = "invalid_cursor";
    public const string SetupAlreadyDone = "setup_already_done";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
#pragma warning restore CS1591
}
