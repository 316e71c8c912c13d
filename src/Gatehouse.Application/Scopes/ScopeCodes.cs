using Gatehouse.Core.Management;

namespace Gatehouse.Application.Scopes;

/// <summary>Stable codes of the failures scope use cases answer, the policy's own included.</summary>
public static class ScopeCodes
{
#pragma warning disable CS1591 // the names say what they are
    public const string NotFound = ManagementCodes.ScopeNotFound;
    public const string HasChildren = "scope_has_children";
    public const string HasPendingInvitations = "scope_has_pending_invitations";
    public const string MoveChangesAccess = ManagementCodes.ScopeMoveChangesAccess;
    public const string DeleteChangesAccess = ManagementCodes.ScopeDeleteChangesAccess;
    public const string Cycle = ManagementCodes.ScopeCycle;
#pragma warning restore CS1591
}
