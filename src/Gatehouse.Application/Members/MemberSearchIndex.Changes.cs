using Gatehouse.Core.Access;

namespace Gatehouse.Application.Members;

// An organization patched from one whose index exists: that index with the changed members taken out and put in again,
// by copying the runs between them (no per-member work for the members that did not change).
internal sealed partial class MemberSearchIndex
{
    // Patches applied between two searches are followed back this far to an organization that has an index.
    private const int LongestChain = 64;

    private static MemberSearchIndex? Patched(CompiledOrganization organization)
    {
        var changed = new Dictionary<Guid, CompiledMember?>();
        var at = organization;
        for (var step = 0; step < LongestChain; step++)
        {
            if (at.Derivation is not { } derivation || !derivation.Basis.TryGetTarget(out var basis))
            {
                return null;
            }
            foreach (var (old, now) in derivation.Members)
            {
                // Going back in time, each step's "before" overwrites: what is left is the basis's state (null: absent there).
                changed[(old ?? now)!.MemberId] = old;
            }
            if (Built.TryGetValue(basis, out var index) && index is not null)
            {
                return Apply(index, organization, changed);
            }
            at = basis;
        }
        return null;
    }

    /// <summary>The basis's index without the changed members' old entries and with their entries in <paramref name="organization"/>.</summary>
    private static MemberSearchIndex? Apply(MemberSearchIndex index, CompiledOrganization organization, Dictionary<Guid, CompiledMember?> changed)
    {
        var leaving = new List<Entry>();
        var arriving = new List<Entry>();
        foreach (var (memberId, old) in changed)
        {
            if (old is not null)
            {
                if (EntryOf(old) is not { } entry)
                {
                    return null;
                }
                leaving.Add(entry with { Member = old });
            }
            if (organization.FindMember(memberId) is { } now)
            {
                if (EntryOf(now) is not { } entry)
                {
                    return null;
                }
                arriving.Add(entry);
            }
        }
        if (Positions(index.ByName, leaving, byName: true) is not { } nameGone || Positions(index.ByEmail, leaving, byName: false) is not { } emailGone)
        {
            return null; // an old entry is not where its keys say: make the index the long way
        }
        var (byName, namePairs) = Spliced(index.ByName, index.NamePairs, nameGone, Sorted(arriving, byName: true), byName: true);
        var (byEmail, emailPairs) = Spliced(index.ByEmail, index.EmailPairs, emailGone, Sorted(arriving, byName: false), byName: false);
        return new MemberSearchIndex(byName, namePairs, byEmail, emailPairs);
    }

    /// <summary>Where each leaving member's entry is (found by its keys), ascending; null if one is not there.</summary>
    private static int[]? Positions(Entry[] entries, List<Entry> leaving, bool byName)
    {
        var positions = new int[leaving.Count];
        for (var i = 0; i < leaving.Count; i++)
        {
            var at = FirstAfter(entries, leaving[i], byName, orEqual: false);
            if (at == entries.Length || !ReferenceEquals(entries[at].Member, leaving[i].Member))
            {
                return null;
            }
            positions[i] = at;
        }
        Array.Sort(positions);
        return positions;
    }

    /// <summary>The first position whose entry comes after <paramref name="entry"/> (or is it, unless <paramref name="orEqual"/>).</summary>
    private static int FirstAfter(Entry[] entries, Entry entry, bool byName, bool orEqual)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var order = Compare(entries[middle], entry, byName);
            if (order < 0 || (orEqual && order == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>The entries without those at <paramref name="gone"/> and with <paramref name="arriving"/> (sorted) in their places, masks alike.</summary>
    private static (Entry[] Entries, ulong[] Pairs) Spliced(Entry[] entries, ulong[] pairs, int[] gone, Entry[] arriving, bool byName)
    {
        var length = entries.Length - gone.Length + arriving.Length;
        var result = new Entry[length];
        var resultPairs = new ulong[2 * length];
        int from = 0, to = 0, removed = 0, added = 0;
        while (true)
        {
            var nextGone = removed < gone.Length ? gone[removed] : entries.Length;
            var nextAdded = added < arriving.Length ? Math.Max(from, FirstAfter(entries, arriving[added], byName, orEqual: true)) : entries.Length;
            var until = Math.Min(nextGone, nextAdded);
            Array.Copy(entries, from, result, to, until - from);
            Array.Copy(pairs, 2 * from, resultPairs, 2 * to, 2 * (until - from));
            to += until - from;
            from = until;
            if (added < arriving.Length && nextAdded <= nextGone)
            {
                var entry = arriving[added++];
                result[to] = entry;
                (resultPairs[2 * to], resultPairs[2 * to + 1]) = (entry.Pairs.Low, entry.Pairs.High);
                to++;
            }
            else if (removed < gone.Length)
            {
                from++;
                removed++;
            }
            else
            {
                return (result, resultPairs);
            }
        }
    }
}
