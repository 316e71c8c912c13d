namespace Gatehouse.Core.Access;

/// <summary>
/// The layout of one member in an organization's check data, so a check reads one short run of ints:
/// <c>[flags, n, organization set (W words), scope₁ … scopeₙ, set₁ … setₙ]</c>, scopes ascending, each set the
/// member's whole effective set at that scope as an offset into the organization's shared bitset region.
/// </summary>
/// <remarks>
/// The organization set is written inline (most checks end there, and it saves a dependent load); the sets at
/// scopes are interned and shared, since members with the same roles at the same places have the same sets.
/// </remarks>
internal static class MemberRecord
{
    public const int Flags = 0;
    public const int GrantedCount = 1;
    public const int OrganizationWords = 2;

    /// <summary>Flag: the membership is active.</summary>
    public const int Active = 1;

    /// <summary>Flag: full access or owner.</summary>
    public const int BypassesChecks = 2;

    /// <summary>Flag: the account has a lockout end, so the clock must be read.</summary>
    public const int HasLockout = 4;

    /// <summary>Where the granted scopes start, for sets of <paramref name="words"/> 32-bit words.</summary>
    public static int Granted(int record, int words) => record + OrganizationWords + words;

    public static int FlagsOf(MemberEntry entry) =>
        (entry.Status == Members.MemberStatus.Active ? Active : 0)
        | (entry.HasFullAccess || entry.IsOwner ? BypassesChecks : 0)
        | (entry.LockoutEnd is null ? 0 : HasLockout);
}
