using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>The access rule of DESIGN.md for one permission at one target (null scope = the organization).</summary>
    public bool Check(Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time)
    {
        var user = GuidHash.Of(userId);
        return (uint)permission.Index < (uint)_permissionCount
            && Check(in SegmentOf(user), in _scopeLookup, _pool, _viewOwn, _organizationHash, this, user, userId, permission.Index, scopeId, resourceOwnerUserId, time);
    }

    /// <summary>Checks many queries for one user: the member is found, and the clock read, once for the batch.</summary>
    public void CheckMany(Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        var user = GuidHash.Of(userId);
        CheckMany(in SegmentOf(user), in _scopeLookup, _pool, _viewOwn, _permissionCount, _organizationHash, this, user, userId, queries, answers, time);
    }

    /// <summary>What the engine's table holds of this organization for checks (no pairs when it has several segments).</summary>
    internal CheckTables Tables =>
        new(_segmentMask == 0 ? _onlySegment.Pairs : null, _onlySegment.Capacity, _scopeLookup.Slots, _scopeLookup.Capacity, _pool);

    /// <summary>
    /// The check, given the tables it reads: from this object, or from the engine's table slot (which spares loading
    /// the object). <paramref name="organization"/> is read only for a member with a lockout end.
    /// </summary>
    /// <remarks>
    /// The user's and the scope's hashes name the slot directly: one probe into the member's segment, which, when
    /// the member has their own set at that scope, is the answer; otherwise their home slot and the scope's
    /// existence decide. Confirming the slot (the member's user id, the slot's scope id) and reading the set are
    /// independent loads, so a check waits on memory about twice, not once per structure it passes.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Check(
        in CheckSegment segment, in PlaceLookup places, ulong[] pool, int[] viewOwn, ulong organizationHash, CompiledOrganization organization,
        ulong user, Guid userId, int bit, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time)
    {
        int at;
        if (scopeId is { } scope)
        {
            // The scope's place, the member's slot there and their home slot are looked up at once, so the cache
            // misses overlap: the home slot is needed only when the member has no set of their own at the scope,
            // but waiting to know that would add a whole memory latency to those checks.
            var hash = GuidHash.Of(scope);
            var pairHash = GuidHash.Pair(user, hash);
            var homeHash = GuidHash.Pair(user, organizationHash);
            var (pairFirst, homeFirst) = (segment.Touch(pairHash), segment.Touch(homeHash));
            var place = places.Find(hash, scope);
            var own = segment.FindAt(pairHash, userId, place, pairFirst);
            at = segment.FindHome(homeHash, userId, homeFirst);
            if (own >= 0)
            {
                at = own;
            }
            else if (at < 0 || place < 0)
            {
                return false; // not a member, or an unknown scope, which denies even with full access
            }
        }
        else
        {
            at = segment.FindHome(GuidHash.Pair(user, organizationHash), userId);
            if (at < 0)
            {
                return false;
            }
        }
        ref readonly var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(segment.Pairs), at);
        var flags = slot.Flags;
        return IsAdmitted(organization, flags, userId, time) && Decide(pool, viewOwn, flags, slot.Set, bit, resourceOwnerUserId == userId);
    }

    /// <summary>The batch check, given the tables it reads (see <see cref="Check(in CheckSegment, in PlaceLookup, ulong[], int[], ulong, CompiledOrganization, ulong, Guid, int, Guid?, Guid?, TimeProvider)"/>).</summary>
    internal static void CheckMany(
        in CheckSegment segment, in PlaceLookup places, ulong[] pool, int[] viewOwn, int permissionCount, ulong organizationHash, CompiledOrganization organization,
        ulong user, Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        // The home slot's load goes out now and is waited for only after the first pass, so its miss overlaps those.
        var homeHash = GuidHash.Pair(user, organizationHash);
        var homeFirst = segment.Touch(homeHash);
        var (flags, homeSet) = (0, 0);
        // In chunks, in three passes with no branch on what was read until the last: every query's scope is found
        // and the first slot of its probe read; then each probe finishes and the word of the set it names is read;
        // then each is answered from warm lines. The misses of a pass overlap, so a chunk waits on memory about
        // twice, not twice per query.
        Span<ulong> pairHashes = stackalloc ulong[ManyChunk];
        Span<int> placesOf = stackalloc int[ManyChunk];
        Span<int> sets = stackalloc int[ManyChunk];
        ref var words = ref MemoryMarshal.GetArrayDataReference(pool);
        for (var first = 0; first < queries.Length; first += ManyChunk)
        {
            var chunk = queries.Slice(first, Math.Min(ManyChunk, queries.Length - first));
            var touched = 0UL;
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i].ScopeId is { } scope)
                {
                    var hash = GuidHash.Of(scope);
                    placesOf[i] = places.Find(hash, scope);
                    pairHashes[i] = GuidHash.Pair(user, hash);
                    touched ^= segment.Touch(pairHashes[i]);
                }
            }
            if (first == 0)
            {
                var home = segment.FindHome(homeHash, userId, homeFirst);
                flags = home < 0 ? 0 : segment.Pairs[home].Flags;
                if (home < 0 || !IsAdmitted(organization, flags, userId, time))
                {
                    answers[..queries.Length].Clear();
                    return;
                }
                homeSet = segment.Pairs[home].Set;
            }
            for (var i = 0; i < chunk.Length; i++)
            {
                ref readonly var q = ref chunk[i];
                var set = homeSet;
                if (q.ScopeId is not null)
                {
                    var at = segment.FindAt(pairHashes[i], userId, placesOf[i]);
                    set = at >= 0 ? segment.Pairs[at].Set : placesOf[i] < 0 ? -1 : homeSet;
                }
                sets[i] = set;
                var bit = q.Permission.Index;
                if (set >= 0 && (uint)bit < (uint)permissionCount)
                {
                    touched ^= Unsafe.Add(ref words, set + (bit >> 6));
                }
            }
            if (touched == 1)
            {
                s_touched = touched; // almost never: only so the reads above are not optimized away
            }
            for (var i = 0; i < chunk.Length; i++)
            {
                ref readonly var q = ref chunk[i];
                var bit = q.Permission.Index;
                answers[first + i] = sets[i] >= 0 && (uint)bit < (uint)permissionCount
                    && Decide(pool, viewOwn, flags, sets[i], bit, q.ResourceOwnerUserId == userId);
            }
        }
    }

    private const int ManyChunk = 64;

    // Where CheckMany could write what its first passes read, so the reads are not optimized away; it writes almost
    // never, so threads checking at once do not share a written cache line.
    private static ulong s_touched;

    /// <summary>The member's effective permissions at a target, after status, lockout and full access.</summary>
    public PermissionSet EffectivePermissions(Guid memberId, Guid? scopeId, TimeProvider time) =>
        FindMember(memberId) is { } member && member.IsAdmitted(time) ? HeldPermissions(member, scopeId) : PermissionSet.Empty;

    /// <summary>What the member's grants, full access and ownership give at a target, whatever their status.</summary>
    /// <remarks>A member object from another compile of this organization is read through this one, by membership id.</remarks>
    public PermissionSet HeldPermissions(CompiledMember member, Guid? scopeId)
    {
        if ((scopeId is { } asked && !HasScope(asked)) || FindMember(member.MemberId) is not { } current)
        {
            return PermissionSet.Empty;
        }
        if (current.BypassesChecks)
        {
            return _catalog.Everything;
        }
        var set = SetOf(current.UserId, scopeId);
        return set < 0 ? PermissionSet.Empty : PermissionSet.FromWords(_pool.AsSpan(set, _compiledModel.Stride));
    }

    /// <summary>The grants of a member that apply at a target (on the organization, the scope or an ancestor).</summary>
    public IEnumerable<GrantEntry> GrantsApplyingAt(CompiledMember member, Guid? scopeId)
    {
        var targets = scopeId is { } id ? SelfAndAncestors(id).Select(s => (Guid?)s.Id).ToHashSet() : [];
        return member.Grants.Where(g => g.ScopeId is null || targets.Contains(g.ScopeId));
    }

    /// <summary>Where the user's effective set at a known target starts in the pool, or -1 when the user is not a member.</summary>
    private int SetOf(Guid userId, Guid? scopeId)
    {
        var user = GuidHash.Of(userId);
        ref readonly var segment = ref SegmentOf(user);
        var at = scopeId is { } scope ? segment.FindAt(GuidHash.Pair(user, GuidHash.Of(scope)), userId, _scopeLookup.Find(scope)) : -1;
        if (at < 0)
        {
            at = segment.FindHome(GuidHash.Pair(user, _organizationHash), userId);
        }
        return at < 0 ? -1 : segment.Pairs[at].Set;
    }

    /// <summary>The user's segment: held in this object for an organization of one segment (most are), which spares a check one load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly CheckSegment SegmentOf(ulong userHash) =>
        ref _segmentMask == 0 ? ref _onlySegment : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_segments), (int)(userHash >> 40) & _segmentMask);

    /// <summary>The rule's first clause from a slot's flags; only a member with a lockout end costs a lookup and the clock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAdmitted(CompiledOrganization organization, int flags, Guid userId, TimeProvider time) =>
        (flags & PairSlot.Active) != 0
        && ((flags & PairSlot.HasLockout) == 0 || (organization.FindMemberByUser(userId)?.IsAdmitted(time) ?? false));

    /// <summary>Clauses 2 to 5 of the rule for an admitted member, once the set at the target is known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Decide(ulong[] pool, int[] viewOwn, int flags, int set, int bit, bool ownsResource)
    {
        if ((flags & PairSlot.BypassesChecks) != 0 || Holds(pool, set, bit))
        {
            return true;
        }
        var own = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(viewOwn), bit);
        return own >= 0 && ownsResource && Holds(pool, set, own);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Holds(int set, int bit) => Holds(_pool, set, bit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(ulong[] pool, int set, int bit) =>
        (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pool), set + (bit >> 6)) & (1UL << bit)) != 0;
}
