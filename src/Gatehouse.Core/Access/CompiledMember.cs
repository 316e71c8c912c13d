namespace Gatehouse.Core.Access;

/// <summary>A member of a compiled organization: the entry as loaded, its grants, and where its compiled record is.</summary>
public sealed class CompiledMember
{
    internal CompiledMember(MemberEntry entry, GrantEntry[] grants, int record)
    {
        Entry = entry;
        Grants = grants;
        BypassesChecks = entry.HasFullAccess || entry.IsOwner;
        IsActive = entry.Status == Members.MemberStatus.Active;
        LockoutEndTicks = entry.LockoutEnd?.UtcTicks ?? 0;
        Record = record;
    }

    /// <summary>The member as loaded.</summary>
    public MemberEntry Entry { get; }

    /// <summary>The member's grants as loaded, including any that give nothing (deleted role, scope gone).</summary>
    public IReadOnlyList<GrantEntry> Grants { get; }

    /// <summary>Full access or owner: every permission everywhere in the organization.</summary>
    public bool BypassesChecks { get; }

    /// <summary>True when the membership is active.</summary>
    public bool IsActive { get; }

    /// <summary>The end of the account's lockout in UTC ticks, 0 when there is none.</summary>
    internal long LockoutEndTicks { get; }

    /// <summary>Offset of the member's <see cref="MemberRecord"/> in the organization's check data.</summary>
    internal int Record { get; }

    /// <summary>The access rule's first clause: active, and not locked at this moment; the clock is read only for a lockout.</summary>
    internal bool IsAdmitted(TimeProvider time) =>
        IsActive && (LockoutEndTicks == 0 || LockoutEndTicks <= time.GetUtcNow().UtcTicks);
}
