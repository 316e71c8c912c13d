namespace Gatehouse.Core.Access;

/// <summary>A member of a compiled organization: the entry as loaded and its grants.</summary>
public sealed class CompiledMember
{
    private readonly OrganizationLineage _lineage;

    internal CompiledMember(MemberEntry entry, CompactGrant[] grants, OrganizationLineage lineage)
    {
        Entry = entry;
        Compact = grants;
        _lineage = lineage;
        Flags = PairSlot.FlagsOf(entry);
        LockoutEndTicks = entry.LockoutEnd?.UtcTicks ?? 0;
    }

    /// <summary>The member as loaded.</summary>
    public MemberEntry Entry { get; }

    /// <summary>The member's grants as loaded, including any that give nothing (deleted role, scope gone), in their original order.</summary>
    /// <remarks>Kept as two numbers per grant and spelled out on each read, so a million grants take 8 MB instead of 48.</remarks>
    public IReadOnlyList<GrantEntry> Grants =>
        Array.ConvertAll(Compact, g => new GrantEntry(Entry.MemberId, _lineage.RoleKey(g.Role), g.Place == 0 ? null : _lineage.PlaceId(g.Place)));

    /// <summary>Full access or owner: every permission everywhere in the organization.</summary>
    public bool BypassesChecks => (Flags & PairSlot.BypassesChecks) != 0;

    /// <summary>True when the membership is active.</summary>
    public bool IsActive => (Flags & PairSlot.Active) != 0;

    /// <summary>The grants as (role number, place number) in the organization's lineage.</summary>
    internal CompactGrant[] Compact { get; }

    internal int Flags { get; }

    /// <summary>The end of the account's lockout in UTC ticks, 0 when there is none.</summary>
    internal long LockoutEndTicks { get; }

    /// <summary>The access rule's first clause: active, and not locked at this moment; the clock is read only for a lockout.</summary>
    internal bool IsAdmitted(TimeProvider time) =>
        IsActive && (LockoutEndTicks == 0 || LockoutEndTicks <= time.GetUtcNow().UtcTicks);
}

/// <summary>A grant as numbers: the role's and the target's index in the organization's lineage (place 0 = the organization).</summary>
internal readonly record struct CompactGrant(int Role, int Place);
