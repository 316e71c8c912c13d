namespace Gatehouse.Core.Management;

/// <summary>The stable codes of the management policy's refusals; part of the public API contract.</summary>
public static class ManagementCodes
{
#pragma warning disable CS1591 // each code's sentence is built in Refusals; the names say what they are
    public const string NotAMember = "not_a_member";
    public const string ActorDeactivated = "actor_deactivated";
    public const string MissingPermission = "missing_permission";
    public const string RoleExceedsOwnAccess = "role_exceeds_own_access";
    public const string MemberExceedsOwnAccess = "member_exceeds_own_access";
    public const string FullAccessRequiresFullAccess = "full_access_requires_full_access";
    public const string OwnerProtected = "owner_protected";
    public const string OwnerOnly = "owner_only";

    /// <summary>The member holds a protected role (the workspace admin): only owners and platform operators change them.</summary>
    public const string ProtectedRole = "protected_role";
    public const string LastOwner = "last_owner";
    public const string OwnerMustBeActive = "owner_must_be_active";
    public const string CannotTransferToSelf = "cannot_transfer_to_self";
    public const string ManagedExternally = "managed_externally";
    public const string MemberNotFound = "member_not_found";
    public const string ScopeNotFound = "scope_not_found";
    public const string RoleNotFound = "role_not_found";
    public const string RoleNotGrantableHere = "role_not_grantable_here";
    public const string GrantNotFound = "grant_not_found";
    public const string AccessInherited = "access_inherited";
    public const string AlreadyHasAccess = "already_has_access";
    public const string AlreadyMember = "already_member";
    public const string InvitationRequired = "invitation_required";
    public const string AccessRequired = "access_required";
    public const string OneRolePerMember = "one_role_per_member";
    public const string InvitationNotFound = "invitation_not_found";
    public const string InvitationClosed = "invitation_closed";
    public const string MemberAlreadyDeactivated = "member_already_deactivated";
    public const string MemberAlreadyActive = "member_already_active";
    public const string CustomRolesDisabled = "custom_roles_disabled";
    public const string InlineRolesDisabled = "inline_roles_disabled";
    public const string InlineRoleNotReusable = "inline_role_not_reusable";

    /// <summary>An inline role names a permission the model does not offer to one-off roles.</summary>
    public const string InlineRolePermissionNotOffered = "inline_role_permission_not_offered";
    public const string SystemRoleReadOnly = "system_role_read_only";
    public const string RoleNameRequired = "role_name_required";
    public const string RoleNameTaken = "role_name_taken";
    public const string RolePermissionsRequired = "role_permissions_required";
    public const string UnknownPermission = "unknown_permission";
    public const string AccountDeletionNotAllowed = "account_deletion_not_allowed";
    public const string AccountHasOtherMemberships = "account_has_other_memberships";

    /// <summary>Moving the scope would change someone's access in a way the actor could not make directly, or widen the actor's own.</summary>
    public const string ScopeMoveChangesAccess = "scope_move_changes_access";

    /// <summary>Deleting the scope would take away grants the actor could not remove directly.</summary>
    public const string ScopeDeleteChangesAccess = "scope_delete_changes_access";

    /// <summary>A scope would be moved under itself or one of its own sub-scopes.</summary>
    public const string ScopeCycle = "scope_cycle";
#pragma warning restore CS1591
}
