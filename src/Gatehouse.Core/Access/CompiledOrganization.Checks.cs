using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>The access rule of DESIGN.md for one permission at one target (null scope = the organization).</summary>
    /// <remarks>
    /// The user's and the scope's hashes name the slot directly: one probe into the member's segment, which, when
    /// the member has their own set at that scope, is the answer; otherwise their home slot and the scope's
    /// existence decide. Confirming the slot (the member's user id, the slot's scope id) and reading the set are
    /// independent loads, so a check waits on memory about twice, not once per structure it passes.
    /// </remarks>
    public bool Check(Guid userId, PermissionId permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time)
    {
        var bit = permission.Index;
        if ((uint)bit >= (uint)_permissionCount)
        {
            return false;
        }
        var user = GuidHash.Of(userId);
        ref readonly var segment = ref SegmentOf(user);
        int at;
        if (scopeId is { } scope)
        {
            // The scope's place, the member's slot there and their home slot are looked up at once, so the cache
            // misses overlap: the home slot is needed only when the member has no set of their own at the scope,
            // but waiting to know that would add a whole memory latency to those checks.
            var hash = GuidHash.Of(scope);
            var pairHash = GuidHash.Pair(user, hash);
            var homeHash = GuidHash.Pair(user, _organizationHash);
            var (pairFirst, homeFirst) = (segment.Touch(pairHash), segment.Touch(homeHash));
            var place = _scopeLookup.Find(hash, scope);
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
            at = segment.FindHome(GuidHash.Pair(user, _organizationHash), userId);
            if (at < 0)
            {
                return false;
            }
        }
        ref readonly var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(segment.Pairs), at);
        var flags = slot.Flags;
        return IsAdmitted(flags, userId, time) && Decide(flags, slot.Set, bit, resourceOwnerUserId == userId);
    }

    /// <summary>Checks many queries for one user: the member is found, and the clock read, once for the batch.</summary>
    public void CheckMany(Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        var user = GuidHash.Of(userId);
        ref readonly var segment = ref SegmentOf(user);
        var home = segment.FindHome(GuidHash.Pair(user, _organizationHash), userId);
        var flags = home < 0 ? 0 : segment.Pairs[home].Flags;
        if (home < 0 || !IsAdmitted(flags, userId, time))
        {
            answers[..queries.Length].Clear();
            return;
        }
        var homeSet = segment.Pairs[home].Set;
        // In chunks: first every query's scope is found and the first slot of its probe read, with no branch on
        // what was read, so the cache misses of the whole chunk overlap; then each is answered from warm lines.
        Span<ulong> pairHashes = stackalloc ulong[ManyChunk];
        Span<int> places = stackalloc int[ManyChunk];
        for (var first = 0; first < queries.Length; first += ManyChunk)
        {
            var chunk = queries.Slice(first, Math.Min(ManyChunk, queries.Length - first));
            var touched = 0u;
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i].ScopeId is { } scope)
                {
                    var hash = GuidHash.Of(scope);
                    places[i] = _scopeLookup.Find(hash, scope);
                    pairHashes[i] = GuidHash.Pair(user, hash);
                    touched ^= segment.Touch(pairHashes[i]);
                }
            }
            Volatile.Write(ref s_touched, touched);
            for (var i = 0; i < chunk.Length; i++)
            {
                ref readonly var q = ref chunk[i];
                var set = homeSet;
                if (q.ScopeId is not null)
                {
                    var at = segment.FindAt(pairHashes[i], userId, places[i]);
                    if (at >= 0)
                    {
                        set = segment.Pairs[at].Set;
                    }
                    else if (places[i] < 0)
                    {
                        answers[first + i] = false;
                        continue;
                    }
                }
                answers[first + i] = (uint)q.Permission.Index < (uint)_permissionCount && Decide(flags, set, q.Permission.Index, q.ResourceOwnerUserId == userId);
            }
        }
    }

    private const int ManyChunk = 64;

    // Where the first pass of CheckMany writes what it read, so the reads are not optimized away.
    private static uint s_touched;

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
    private bool IsAdmitted(int flags, Guid userId, TimeProvider time) =>
        (flags & PairSlot.Active) != 0
        && ((flags & PairSlot.HasLockout) == 0 || (FindMemberByUser(userId)?.IsAdmitted(time) ?? false));

    /// <summary>Clauses 2 to 5 of the rule for an admitted member, once the set at the target is known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Decide(int flags, int set, int bit, bool ownsResource)
    {
        if ((flags & PairSlot.BypassesChecks) != 0 || Holds(set, bit))
        {
            return true;
        }
        var own = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_viewOwn), bit);
        return own >= 0 && ownsResource && Holds(set, own);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Holds(int set, int bit) =>
        (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_pool), set + (bit >> 6)) & (1UL << bit)) != 0;
}
