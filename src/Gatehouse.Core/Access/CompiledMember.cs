namespace Gatehouse.Core.Access;

/// <summary>A member of a compiled organization: the entry as loaded, its grants, and where its compiled bits are.</summary>
public sealed class CompiledMember
{
    internal CompiledMember(MemberEntry entry, GrantEntry[] grants, int organizationSet, int grantedStart, int grantedCount)
    {
        Entry = entry;
        Grants = grants;
        BypassesChecks = entry.HasFullAccess || entry.IsOwner;
        IsActive = entry.Status == Members.MemberStatus.Active;
        LockoutEndTicks = entry.LockoutEnd?.UtcTicks ?? 0;
        OrganizationSet = organizationSet;
        GrantedStart = grantedStart;
        GrantedCount = grantedCount;
    }

    /// <summary>The member as loaded.</summary>
    public MemberEntry Entry { get; }

    /// <summary>The member's grants as loaded, including any that give nothing (deleted role, scope gone).</summary>
    public IReadOnlyList<GrantEntry> Grants { get; }

    /// <summary>Full access or owner: every permission everywhere in the organization.</summary>
    public bool BypassesChecks { get; }

    /// <summary>True when the membership is active.</summary>
    public bool IsActive { get; }

    /// <summary>The end of the account's lockout in UTC ticks; 0 when there is none, so the check reads the clock only when it matters.</summary>
    internal long LockoutEndTicks { get; }

    /// <summary>Word offset, in the organization's permission pool, of the union of the roles granted on the organization.</summary>
    internal int OrganizationSet { get; }

    /// <summary>Where the member's scopes with direct grants start in the organization's granted-scope arrays.</summary>
    internal int GrantedStart { get; }

    /// <summary>How many scopes have direct grants for the member.</summary>
    internal int GrantedCount { get; }

    /// <summary>The access rule's first clause: active, and not locked at this moment.</summary>
    internal bool IsAdmitted(TimeProvider time) =>
        IsActive && (LockoutEndTicks == 0 || LockoutEndTicks <= time.GetUtcNow().UtcTicks);
}
