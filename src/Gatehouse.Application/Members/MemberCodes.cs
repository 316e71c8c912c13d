namespace Gatehouse.Application.Members;

/// <summary>Stable codes of the failures about members (besides the policy's own in <see cref="Core.Management.ManagementCodes"/>).</summary>
public static class MemberCodes
{
    /// <summary>The member does not exist, or the actor may not see them.</summary>
    public const string NotFound = "member_not_found";

    /// <summary>The member's access changed since the version the change was based on.</summary>
    public const string VersionConflict = "version_conflict";

    /// <summary>An administrator asked to delete their own account through their organization.</summary>
    public const string CannotDeleteOwnAccount = "cannot_delete_own_account";
}
