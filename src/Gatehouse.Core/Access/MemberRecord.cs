namespace Gatehouse.Core.Access;

/// <summary>
/// The layout of one member in an organization's check data, so a check reads one short run of ints:
/// <c>[flags, organization set, n, scope₁ … scopeₙ, set₁ … setₙ]</c>, scopes ascending, each set the member's
/// whole effective set at that scope, as an offset into the organization's bitset region.
/// </summary>
internal static class MemberRecord
{
    public const int Flags = 0;
    public const int OrganizationSet = 1;
    public const int GrantedCount = 2;
    public const int Granted = 3;

    /// <summary>Flag: the membership is active.</summary>
    public const int Active = 1;

    /// <summary>Flag: full access or owner.</summary>
    public const int BypassesChecks = 2;

    /// <summary>Flag: the account has a lockout end, so the clock must be read.</summary>
    public const int HasLockout = 4;

    public static int FlagsOf(MemberEntry entry) =>
        (entry.Status == Members.MemberStatus.Active ? Active : 0)
        | (entry.HasFullAccess || entry.IsOwner ? BypassesChecks : 0)
        | (entry.LockoutEnd is null ? 0 : HasLockout);
}
