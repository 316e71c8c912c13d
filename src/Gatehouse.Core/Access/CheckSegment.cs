using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>
/// One slot of a segment's pair table: a member's effective permission set at one place, at the slot the hash of
/// (user, place) names. Place 0 is the organization itself: every member has that slot (their home), and it holds
/// the set their grants on the organization give. A scope has a slot only where the member's set differs from that.
/// </summary>
/// <remarks>
/// The user id is in the slot, so the slot confirms itself with no second load; the member's flags are in every
/// slot of theirs for the same reason. 24 bytes: a user id, <see cref="Meta"/> and the set's offset.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct PairSlot(Guid userId, uint meta, int set)
{
    public const uint PlaceMask = (1u << 20) - 1;
    public const uint Occupied = 1u << 20;
    public const int FlagsShift = 21;
    public const int DistanceShift = 24;
    public const uint MaxDistance = 255;

    /// <summary>Flag (after <see cref="FlagsShift"/>): the membership is active.</summary>
    public const int Active = 1;

    /// <summary>Flag: full access or owner.</summary>
    public const int BypassesChecks = 2;

    /// <summary>Flag: the account has a lockout end, so the clock must be read.</summary>
    public const int HasLockout = 4;

    public readonly Guid UserId = userId;

    /// <summary>The place (bits 0-19), occupied (bit 20), the member's flags (21-23), the distance from the home slot (24-31).</summary>
    public readonly uint Meta = meta;

    /// <summary>Where the effective set starts in the organization's permission pool, in 64-bit words.</summary>
    public readonly int Set = set;

    public int Place => (int)(Meta & PlaceMask);

    public int Flags => (int)(Meta >> FlagsShift) & 7;

    public uint Distance => Meta >> DistanceShift;

    public bool IsOccupied => (Meta & Occupied) != 0;

    public static int FlagsOf(MemberEntry entry) =>
        (entry.Status == Members.MemberStatus.Active ? Active : 0)
        | (entry.HasFullAccess || entry.IsOwner ? BypassesChecks : 0)
        | (entry.LockoutEnd is null ? 0 : HasLockout);

    public static uint MetaOf(int place, int flags, uint distance) =>
        (uint)place | Occupied | ((uint)flags << FlagsShift) | (distance << DistanceShift);
}

/// <summary>
/// A share of an organization's members (chosen by the hash of their user id) with all their slots: one array,
/// open addressing with linear probing in Robin Hood order (a slot's entry is never nearer its home than the key
/// probing past it), so a probe for a pair that is not there stops after about as many slots as one that is.
/// A change to one member copies only its segment.
/// </summary>
internal readonly struct CheckSegment
{
    public static readonly CheckSegment Empty = new([], []);

    public CheckSegment(PairSlot[] pairs, CompiledMember[] members)
        : this(pairs, (uint)pairs.Length, members)
    {
    }

    /// <summary>A segment with its capacity given, so a check that has both from the engine's table does not read the array's length first.</summary>
    public CheckSegment(PairSlot[] pairs, uint capacity, CompiledMember[] members)
    {
        Pairs = pairs;
        Capacity = capacity;
        Members = members;
    }

    public readonly PairSlot[] Pairs;
    public readonly uint Capacity;

    /// <summary>The members with a home slot here, ascending by user id (for finding a member by user, off the check path).</summary>
    public readonly CompiledMember[] Members;

    /// <summary>The member of a user, by binary search; null when the user is not in this segment.</summary>
    public CompiledMember? FindMember(Guid userId)
    {
        var (low, high) = (0, Members.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = Members[middle].UserId.CompareTo(userId);
            if (order == 0)
            {
                return Members[middle];
            }
            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }
        return null;
    }

    /// <summary>Reads the first slot a probe for the hash looks at, to bring its cache line in ahead of the probe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Touch(ulong pairHash) =>
        Capacity == 0 ? 0 : Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Pairs), GuidHash.Home(pairHash, Capacity)).Meta;

    /// <summary>The member's home slot (their set on the organization), or -1 when the user is not in this segment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindHome(ulong pairHash, Guid userId) => FindHome(pairHash, userId, Touch(pairHash));

    /// <summary>The same, with the first slot's <see cref="PairSlot.Meta"/> already read (by <see cref="Touch"/>, so the load went out early).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindHome(ulong pairHash, Guid userId, uint firstMeta)
    {
        if (Capacity == 0)
        {
            return -1;
        }
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(Pairs);
        var i = GuidHash.Home(pairHash, Capacity);
        for (var distance = 0u; ; distance++)
        {
            ref readonly var slot = ref Unsafe.Add(ref pairs, i);
            var meta = distance == 0 ? firstMeta : slot.Meta;
            if ((meta & PairSlot.Occupied) == 0 || (meta >> PairSlot.DistanceShift) < distance)
            {
                return -1;
            }
            if ((meta & PairSlot.PlaceMask) == 0 && slot.UserId == userId)
            {
                return (int)i;
            }
            i = i + 1 == Capacity ? 0 : i + 1;
        }
    }

    /// <summary>
    /// The member's slot at a scope, or -1 when their set there is their home set (or they are not here);
    /// <paramref name="place"/> is the scope's place, found by the scope's id (-1 for an unknown scope: no slot matches).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindAt(ulong pairHash, Guid userId, int place) => FindAt(pairHash, userId, place, Touch(pairHash));

    /// <summary>The same, with the first slot's <see cref="PairSlot.Meta"/> already read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindAt(ulong pairHash, Guid userId, int place, uint firstMeta)
    {
        if (Capacity == 0)
        {
            return -1;
        }
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(Pairs);
        var i = GuidHash.Home(pairHash, Capacity);
        for (var distance = 0u; ; distance++)
        {
            ref readonly var slot = ref Unsafe.Add(ref pairs, i);
            var meta = distance == 0 ? firstMeta : slot.Meta;
            if ((meta & PairSlot.Occupied) == 0 || (meta >> PairSlot.DistanceShift) < distance)
            {
                return -1;
            }
            if ((meta & PairSlot.PlaceMask) == (uint)place && slot.UserId == userId)
            {
                return (int)i;
            }
            i = i + 1 == Capacity ? 0 : i + 1;
        }
    }
}
