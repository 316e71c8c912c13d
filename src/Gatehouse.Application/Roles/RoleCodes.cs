namespace Gatehouse.Application.Roles;

/// <summary>Stable codes of the failures roles answer (besides the policy's own and <see cref="Work.WorkCodes"/>).</summary>
public static class RoleCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string NotFound = Core.Management.ManagementCodes.RoleNotFound;
    public const string InUse = "role_in_use";
    public const string VersionConflict = "version_conflict";
#pragma warning restore CS1591
}
