using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>From this many queries a batch for one member is answered from the member's grants (<see cref="CheckManyByGrants"/>).</summary>
    /// <remarks>Settable only so the cold benchmark can time both paths on the same batches in one run.</remarks>
    internal static int GrantsPathFromBatch { get; set; } = DefaultGrantsPathFromBatch;

    /// <summary>The batch size from which the member's grants answer faster than a probe per query (docs/benchmarks.md).</summary>
    internal const int DefaultGrantsPathFromBatch = 16;

    // A member with more grants than this takes the slot path: each step of a chain scans the grants.
    private const int MaxGrantsForBatch = 64;

    /// <summary>
    /// A batch for one member answered from the member's own grants instead of one (user, place) probe a query: the
    /// member and their grants are found once, and each query then reads only organization-wide tables (the scope's
    /// place, its chain of parents, the roles' words), which the batches of every member of the organization share,
    /// so they are more often in cache than a member's slots spread over the segment.
    /// </summary>
    /// <remarks>
    /// The rule read this way: the member's set at a scope is the union of the roles granted on the organization, on
    /// the scope or on one of its ancestors; so a query walks the scope's chain up to the organization (place 0) and
    /// tests, at each place where the member has a grant, the role's words for the bit (and the view-own bit when the
    /// member owns the resource). A chain is at most as long as the organization has places, even with a cycle in the
    /// data, since repeats add nothing to a union. The answers are the slot path's: the property tests compare both
    /// with the reference rule.
    /// </remarks>
    internal void CheckManyByGrants(ulong user, Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        var member = SegmentOf(user).FindMember(user, userId);
        if (member is null || !member.IsAdmitted(time))
        {
            answers[..queries.Length].Clear();
            return;
        }
        var grants = member.Compact;
        if (grants.Length > MaxGrantsForBatch)
        {
            CheckMany(in SegmentOf(user), in _scopeLookup, _pool, _viewOwn, _permissionCount, _organizationHash, this, user, userId, queries, answers, time);
            return;
        }
        // Which places (modulo 64) the member has grants at, so most steps of a chain skip the scan of the grants.
        var granted = 0UL;
        foreach (var grant in grants)
        {
            granted |= 1UL << grant.Place;
        }
        var bypasses = member.BypassesChecks;
        var chainLimit = _scopes.PlaceCount;
        for (var i = 0; i < queries.Length; i++)
        {
            ref readonly var q = ref queries[i];
            var bit = q.Permission.Index;
            var place = 0;
            if ((q.ScopeId is { } scope && (place = _scopeLookup.Find(GuidHash.Of(scope), scope)) < 0) || (uint)bit >= (uint)_permissionCount)
            {
                answers[i] = false; // an unknown scope denies even with full access, as does a permission outside the catalog
                continue;
            }
            if (bypasses)
            {
                answers[i] = true;
                continue;
            }
            var own = q.ResourceOwnerUserId == userId ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_viewOwn), bit) : -1;
            answers[i] = HeldOnChain(grants, granted, place, bit, own, chainLimit);
        }
    }

    /// <summary>Whether a grant of the member on the place, an ancestor or the organization holds the bit (or the view-own bit, when not -1).</summary>
    private bool HeldOnChain(CompactGrant[] grants, ulong granted, int place, int bit, int own, int chainLimit)
    {
        for (var steps = 0; ; steps++)
        {
            if ((granted & (1UL << place)) != 0)
            {
                foreach (var grant in grants)
                {
                    if (grant.Place == place && _roles.TryGetWords(grant.Role, out var words)
                        && (RoleHolds(words, bit) || (own >= 0 && RoleHolds(words, own))))
                    {
                        return true;
                    }
                }
            }
            if (place == 0)
            {
                return false;
            }
            place = steps < chainLimit ? _scopes.LiveParent(place) : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RoleHolds(ulong[] words, int bit) =>
        (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), bit >> 6) & (1UL << bit)) != 0;
}
