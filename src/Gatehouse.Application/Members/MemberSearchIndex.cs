using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gatehouse.Core.Access;
using Gatehouse.Core.Users;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>
/// The members of one compiled organization in the list's name and email orders, with the keys the database holds for
/// them (<c>members.sort_name</c> and <c>members.email</c>, made by the same functions from the same user fields), so a
/// search page finds its members in memory and reads only those rows. Made once per compiled organization (which is
/// immutable; a change makes a new one) on its first search, and dropped with it; after a change, from the previous
/// one's order with only the changed members sorted in.
/// </summary>
internal sealed partial class MemberSearchIndex
{
    private static readonly ConditionalWeakTable<CompiledOrganization, MemberSearchIndex?> Built = [];
    private static readonly ConcurrentDictionary<Guid, WeakReference<MemberSearchIndex>> Latest = new();

    private MemberSearchIndex(Entry[] byName, Entry[] byEmail)
        : this(byName, PairsOf(byName), byEmail, PairsOf(byEmail))
    {
    }

    private MemberSearchIndex(Entry[] byName, ulong[] namePairs, Entry[] byEmail, ulong[] emailPairs)
    {
        ByName = byName;
        ByEmail = byEmail;
        NamePairs = namePairs;
        EmailPairs = emailPairs;
    }

    /// <summary>The members by (sort name, id), in the database's order.</summary>
    public Entry[] ByName { get; }

    /// <summary>The members by (normalized email, id), in the database's order.</summary>
    public Entry[] ByEmail { get; }

    /// <summary>
    /// The pair masks of <see cref="ByName"/>, two words an entry, side by side: a search reads these in order (800 KB
    /// a 100,000 members, which the processor prefetches) and follows an entry only where the mask may match.
    /// </summary>
    public ulong[] NamePairs { get; }

    /// <summary>The pair masks of <see cref="ByEmail"/>, as <see cref="NamePairs"/>.</summary>
    public ulong[] EmailPairs { get; }

    private static ulong[] PairsOf(Entry[] entries)
    {
        var pairs = new ulong[entries.Length * 2];
        for (var i = 0; i < entries.Length; i++)
        {
            (pairs[2 * i], pairs[2 * i + 1]) = (entries[i].Pairs.Low, entries[i].Pairs.High);
        }
        return pairs;
    }

    /// <summary>The organization's index, or null when a member was compiled without their contact (then only SQL knows the keys).</summary>
    public static MemberSearchIndex? For(CompiledOrganization organization) => Built.GetValue(organization, Build);

    private static MemberSearchIndex? Build(CompiledOrganization organization)
    {
        // A change makes a new compiled organization that shares every member it did not touch: the index of an earlier
        // one keeps those members' entries in place, and only the changed ones are sorted in (not the whole organization).
        var index = Patched(organization)
            ?? (Latest.TryGetValue(organization.OrganizationId, out var earlier) && earlier.TryGetTarget(out var previous)
                ? Update(previous, organization)
                : Fresh(organization));
        if (index is not null)
        {
            Latest[organization.OrganizationId] = new WeakReference<MemberSearchIndex>(index);
        }
        return index;
    }

    private static MemberSearchIndex? Fresh(CompiledOrganization organization)
    {
        var entries = new List<Entry>(organization.MemberCount);
        foreach (var member in organization.Members)
        {
            if (EntryOf(member) is not { } entry)
            {
                return null;
            }
            entries.Add(entry);
        }
        return new MemberSearchIndex(Sorted(entries, byName: true), Sorted(entries, byName: false));
    }

    private static MemberSearchIndex? Update(MemberSearchIndex previous, CompiledOrganization organization)
    {
        var kept = new HashSet<Guid>(previous.ByName.Length);
        foreach (var entry in previous.ByName)
        {
            if (ReferenceEquals(organization.FindMember(entry.Member.MemberId), entry.Member))
            {
                kept.Add(entry.Member.MemberId);
            }
        }
        var changed = new List<Entry>();
        if (kept.Count != organization.MemberCount)
        {
            foreach (var member in organization.Members)
            {
                if (!kept.Contains(member.MemberId))
                {
                    if (EntryOf(member) is not { } entry)
                    {
                        return null;
                    }
                    changed.Add(entry);
                }
            }
        }
        return new MemberSearchIndex(
            Merged(previous.ByName, kept, Sorted(changed, byName: true), byName: true),
            Merged(previous.ByEmail, kept, Sorted(changed, byName: false), byName: false));
    }

    internal static Entry? EntryOf(CompiledMember member)
    {
        if (member.Contact is not { } contact)
        {
            return null;
        }
        var sortName = User.DisplayNameOf(contact.FirstName, contact.LastName, contact.Email).ToLowerInvariant();
        var email = EmailAddress.Normalize(contact.Email);
        return new Entry(member, sortName, email, PairMask.Of(sortName).With(PairMask.Of(email)));
    }

    internal static Entry[] Sorted(List<Entry> entries, bool byName)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, (a, b) => Compare(a, b, byName));
        return sorted;
    }

    // The earlier order's kept entries and the changed ones (sorted), merged in one pass.
    private static Entry[] Merged(Entry[] earlier, HashSet<Guid> kept, Entry[] changed, bool byName)
    {
        var merged = new Entry[kept.Count + changed.Length];
        int count = 0, next = 0;
        foreach (var entry in earlier)
        {
            if (!kept.Contains(entry.Member.MemberId))
            {
                continue;
            }
            while (next < changed.Length && Compare(changed[next], entry, byName) < 0)
            {
                merged[count++] = changed[next++];
            }
            merged[count++] = entry;
        }
        while (next < changed.Length)
        {
            merged[count++] = changed[next++];
        }
        return merged;
    }

    internal static int Compare(Entry a, Entry b, bool byName) => byName
        ? Compare(a.SortName, a.Member.MemberId, b.SortName, b.Member.MemberId)
        : Compare(a.Email, a.Member.MemberId, b.Email, b.Member.MemberId);

    /// <summary>The list's order: the key as the database compares it, then the id (uuid order is Guid's order).</summary>
    public static int Compare(string key, Guid id, string otherKey, Guid otherId)
    {
        var byKey = CodePointOrder.Compare(key, otherKey);
        return byKey != 0 ? byKey : id.CompareTo(otherId);
    }

    /// <summary>One member with their keys.</summary>
    /// <param name="Member">The compiled member.</param>
    /// <param name="SortName">What the database holds as the member's sort name.</param>
    /// <param name="Email">What the database holds as the member's email.</param>
    /// <param name="Pairs">The character pairs of both (<see cref="PairMask"/>).</param>
    internal sealed record Entry(CompiledMember Member, string SortName, string Email, PairMask Pairs);
}
