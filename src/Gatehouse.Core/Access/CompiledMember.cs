using Gatehouse.Core.Members;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Access;

/// <summary>A member of a compiled organization: the entry as loaded and its grants.</summary>
/// <remarks>
/// The entry's fields are kept here and the <see cref="MemberEntry"/> is made when asked for, and grants are kept as
/// two numbers each: a member then costs about 90 bytes plus 8 per grant, where the entry and grant objects as
/// loaded took about 180 plus 48 per grant. Its <see cref="Contact"/> (for the people lookup) adds about 100 more: the
/// email and the two names as separate strings, with the display name made from them when asked instead of kept.
/// </remarks>
public sealed class CompiledMember
{
    private readonly OrganizationLineage _lineage;
    private readonly string? _name;
    private readonly short _lockoutOffsetMinutes;
    private readonly byte _status;
    private readonly byte _managedBy;

    internal CompiledMember(MemberEntry entry, CompactGrant[] grants, OrganizationLineage lineage)
    {
        MemberId = entry.MemberId;
        UserId = entry.UserId;
        Contact = entry.Contact;
        _name = entry.Contact is null ? entry.Name : null;
        _status = (byte)entry.Status;
        _managedBy = (byte)entry.ManagedBy;
        Compact = grants;
        _lineage = lineage;
        Flags = PairSlot.FlagsOf(entry) | (entry.IsOwner ? Owner : 0) | (entry.HasFullAccess ? FullAccess : 0);
        LockoutEndTicks = entry.LockoutEnd?.UtcTicks ?? 0;
        _lockoutOffsetMinutes = (short)(entry.LockoutEnd?.Offset.TotalMinutes ?? 0);
    }

    private const int Owner = 1 << 8;
    private const int FullAccess = 1 << 9;

    /// <summary>The membership.</summary>
    public Guid MemberId { get; }

    /// <summary>The member's user.</summary>
    public Guid UserId { get; }

    /// <summary>The member as loaded (made on each read).</summary>
    public MemberEntry Entry => new(
        MemberId, UserId, Name, (MemberStatus)_status, (Flags & Owner) != 0, (Flags & FullAccess) != 0, (ManagedBy)_managedBy,
        LockoutEndTicks == 0 ? null : new DateTimeOffset(LockoutEndTicks + TimeSpan.FromMinutes(_lockoutOffsetMinutes).Ticks, TimeSpan.FromMinutes(_lockoutOffsetMinutes)),
        Contact);

    /// <summary>The name to show: "First Last", or the email when no name is known.</summary>
    public string Name => _name ?? User.DisplayNameOf(Contact!.FirstName, Contact.LastName, Contact.Email);

    /// <summary>The user's names and email as loaded, or null for an entry made without them (tests).</summary>
    public MemberContact? Contact { get; }

    /// <summary>The member's grants as loaded, including any that give nothing (deleted role, scope gone), in their original order.</summary>
    /// <remarks>Kept as two numbers per grant and spelled out on each read, so a million grants take 8 MB instead of 48.</remarks>
    public IReadOnlyList<GrantEntry> Grants =>
        Array.ConvertAll(Compact, g => new GrantEntry(MemberId, _lineage.RoleKey(g.Role), g.Place == 0 ? null : _lineage.PlaceId(g.Place)));

    /// <summary>Full access or owner: every permission everywhere in the organization.</summary>
    public bool BypassesChecks => (Flags & PairSlot.BypassesChecks) != 0;

    /// <summary>The membership's status.</summary>
    public MemberStatus Status => (MemberStatus)_status;

    /// <summary>True for a member with full access.</summary>
    public bool HasFullAccess => (Flags & FullAccess) != 0;

    /// <summary>True when the membership is active.</summary>
    public bool IsActive => (Flags & PairSlot.Active) != 0;

    /// <summary>True for an owner of the organization.</summary>
    public bool IsOwner => (Flags & Owner) != 0;

    /// <summary>The grants as (role number, place number) in the organization's lineage.</summary>
    internal CompactGrant[] Compact { get; }

    /// <summary>The slot flags (<see cref="PairSlot.Active"/>, …) in the low bits.</summary>
    internal int Flags { get; }

    /// <summary>The end of the account's lockout in UTC ticks, 0 when there is none.</summary>
    internal long LockoutEndTicks { get; }

    /// <summary>The access rule's first clause: active, and not locked at this moment; the clock is read only for a lockout.</summary>
    internal bool IsAdmitted(TimeProvider time) =>
        IsActive && (LockoutEndTicks == 0 || LockoutEndTicks <= time.GetUtcNow().UtcTicks);
}

/// <summary>A grant as numbers: the role's and the target's index in the organization's lineage (place 0 = the organization).</summary>
internal readonly record struct CompactGrant(int Role, int Place);
