namespace Gatehouse.Core.Access;

/// <summary>Why a check was allowed or denied.</summary>
/// <param name="Allowed">The answer.</param>
/// <param name="Reason">Stable reason code: <c>full_access</c>, <c>owner</c>, <c>granted</c>, <c>view_own</c>,
/// <c>not_a_member</c>, <c>member_deactivated</c>, <c>account_locked</c>, <c>unknown_permission</c>, <c>unknown_scope</c>, <c>missing_permission</c>.</param>
/// <param name="Message">A sentence a person can read.</param>
/// <param name="Permission">The permission asked about.</param>
/// <param name="AllowingGrants">The grants that allowed it.</param>
/// <param name="MissingAt">The targets that were searched without finding the permission, nearest first (null = organization).</param>
public sealed record AccessExplanation(
    bool Allowed,
    string Reason,
    string Message,
    string Permission,
    IReadOnlyList<GrantEntry> AllowingGrants,
    IReadOnlyList<Guid?> MissingAt)
{
    /// <summary>A denial with no grants involved.</summary>
    public static AccessExplanation Deny(string reason, string message, string permission) =>
        new(false, reason, message, permission, [], []);
}
