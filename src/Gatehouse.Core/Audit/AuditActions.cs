namespace Gatehouse.Core.Audit;

/// <summary>The stable action names audit events carry.</summary>
public static class AuditActions
{
#pragma warning disable CS1591 // the names say what they are
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationRenamed = "organization.renamed";
    public const string OrganizationPlanChanged = "organization.plan_changed";
    public const string ScopeCreated = "scope.created";
    public const string ScopeRenamed = "scope.renamed";
    public const string ScopeMoved = "scope.moved";
    public const string ScopeDeleted = "scope.deleted";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string MemberAccessChanged = "member.access_changed";
    public const string MemberAddedToScope = "member.added_to_scope";
    public const string MemberRemovedFromScope = "member.removed_from_scope";
    public const string MemberDeactivated = "member.deactivated";
    public const string MemberReactivated = "member.reactivated";
    public const string MemberRemoved = "member.removed";
    public const string OwnerChanged = "member.owner_changed";
    public const string RoleCreated = "role.created";
    public const string RoleUpdated = "role.updated";
    public const string RoleDeleted = "role.deleted";
    public const string AccountErased = "user.erased";
    public const string ProfileChanged = "user.profile_changed";
    public const string EmailChanged = "user.email_changed";
    public const string PasswordChanged = "user.password_changed";
    public const string PasswordReset = "user.password_reset";
    public const string EmailVerified = "user.email_verified";
    public const string PlatformOperatorAdded = "platform.operator_added";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string ServiceAccountCreated = "service_account.created";
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked_out";
#pragma warning restore CS1591
}
