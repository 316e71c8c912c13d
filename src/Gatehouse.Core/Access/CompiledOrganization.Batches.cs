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

    // A member with more grants than this, or a catalog so wide that their words would not fit on the stack, takes
    // the slot path: each step of a chain scans the grants, and the grants' words are copied to the stack.
    private const int MaxGrantsForBatch = 64;
    private const int MaxBatchWords = 512;

    /// <summary>
    /// A batch for one member answered from the member's own grants instead of one (user, place) probe a query: the
    /// member and their grants are found once, and each query then reads only organization-wide tables (the scope's
    /// place, its chain of parents, the roles' words), which the batches of every member of the organization share,
    /// so they are more often in cache than a member's slots spread over the segment.
    /// </summary>
    /// <remarks>
    /// The rule read this way: the member's set at a scope is the union of the roles granted on the organization, on
    /// the scope or on one of its ancestors; so a query walks the scope's chain up to the organization (place 0) and
    /// ORs, at each place where the member has a grant, the role's words for the bit (and the view-own bit when the
    /// member owns the resource) into their home set's. A chain is at most as long as the organization has places, even with a cycle in the
    /// data, since repeats add nothing to a union. The answers are the slot path's: the property tests compare both
    /// with the reference rule.
    /// </remarks>
    internal void CheckManyByGrants(ulong user, Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers, TimeProvider time)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        // The member's loads go out first, and the first chunk's scopes are looked up while they are waited for.
        var member = SegmentOf(user).FindMember(user, userId);
        var stride = _compiledModel.Stride;
        var grants = member?.Compact ?? [];
        if (grants.Length > MaxGrantsForBatch || stride * (grants.Length + 1) > MaxBatchWords)
        {
            CheckMany(in SegmentOf(user), in _scopeLookup, _pool, _viewOwn, _permissionCount, _organizationHash, this, user, userId, queries, answers, time);
            return;
        }
        Span<int> placesOf = stackalloc int[ManyChunk];
        // The member's home set (what their grants on the organization give), then each scope grant's place and role words.
        Span<ulong> words = stackalloc ulong[stride * (grants.Length + 1)];
        Span<int> grantPlaces = stackalloc int[grants.Length];
        var (scopeGrants, granted, bypasses) = (0, 0UL, false);
        for (var first = 0; first < queries.Length; first += ManyChunk)
        {
            var chunk = queries.Slice(first, Math.Min(ManyChunk, queries.Length - first));
            for (var i = 0; i < chunk.Length; i++)
            {
                placesOf[i] = chunk[i].ScopeId is { } scope ? _scopeLookup.Find(GuidHash.Of(scope), scope) : 0;
            }
            if (first == 0)
            {
                if (member is null || !member.IsAdmitted(time))
                {
                    answers[..queries.Length].Clear();
                    return;
                }
                bypasses = member.BypassesChecks;
                scopeGrants = GatherGrants(grants, stride, words, grantPlaces, out granted);
            }
            for (var i = 0; i < chunk.Length; i++)
            {
                ref readonly var q = ref chunk[i];
                var bit = q.Permission.Index;
                if (placesOf[i] < 0 || (uint)bit >= (uint)_permissionCount)
                {
                    answers[first + i] = false; // an unknown scope denies even with full access, as does a permission outside the catalog
                    continue;
                }
                var own = q.ResourceOwnerUserId == userId ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_viewOwn), bit) : -1;
                answers[first + i] = bypasses || HeldOnChain(words, stride, grantPlaces[..scopeGrants], granted, placesOf[i], bit, own);
            }
        }
    }

    /// <summary>
    /// Writes the member's home set into the first <paramref name="stride"/> words, then each scope grant whose role
    /// exists: its place and its role's words. Returns how many scope grants; <paramref name="granted"/> has bit
    /// (place mod 64) set for each, so most steps of a chain skip the scan.
    /// </summary>
    private int GatherGrants(CompactGrant[] grants, int stride, Span<ulong> words, Span<int> places, out ulong granted)
    {
        var home = words[..stride];
        var count = 0;
        granted = 0;
        foreach (var grant in grants)
        {
            if (!_roles.TryGetWords(grant.Role, out var role))
            {
                continue;
            }
            if (grant.Place == 0)
            {
                for (var w = 0; w < stride; w++)
                {
                    home[w] |= role[w];
                }
                continue;
            }
            role.AsSpan(0, stride).CopyTo(words.Slice(stride * (count + 1), stride));
            places[count++] = grant.Place;
            granted |= 1UL << grant.Place;
        }
        return count;
    }

    /// <summary>Whether the home set, or a scope grant on the place or an ancestor, holds the bit (or the view-own bit, when not -1).</summary>
    private bool HeldOnChain(Span<ulong> words, int stride, Span<int> places, ulong granted, int place, int bit, int own)
    {
        var (at, ownAt) = (bit >> 6, own >> 6);
        var (held, ownHeld) = (words[at], own >= 0 ? words[ownAt] : 0);
        // A chain is at most as long as the organization has places, even with a cycle in the data (a repeat adds nothing).
        for (var steps = _scopes.PlaceCount; place != 0 && steps > 0; place = _scopes.LiveParent(place), steps--)
        {
            if ((granted & (1UL << place)) == 0)
            {
                continue;
            }
            for (var g = 0; g < places.Length; g++)
            {
                if (places[g] == place)
                {
                    held |= words[(stride * (g + 1)) + at];
                    ownHeld |= own >= 0 ? words[(stride * (g + 1)) + ownAt] : 0;
                }
            }
        }
        return ((held >> bit) & 1) != 0 || (own >= 0 && ((ownHeld >> own) & 1) != 0);
    }
}
