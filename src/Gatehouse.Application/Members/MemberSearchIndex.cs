using System.Runtime.CompilerServices;
using Gatehouse.Core.Access;
using Gatehouse.Core.Users;
using Gatehouse.Data;

namespace Gatehouse.Application.Members;

/// <summary>
/// The members of one compiled organization in the list's name and email orders, with the keys the database holds for
/// them (<c>members.sort_name</c> and <c>members.email</c>, made by the same functions from the same user fields), so a
/// search page finds its members in memory and reads only those rows. Built once per compiled organization (which is
/// immutable; a change makes a new one) on its first search, and dropped with it.
/// </summary>
internal sealed class MemberSearchIndex
{
    private static readonly ConditionalWeakTable<CompiledOrganization, MemberSearchIndex?> Built = [];

    private MemberSearchIndex(Entry[] byName, Entry[] byEmail)
    {
        ByName = byName;
        ByEmail = byEmail;
    }

    /// <summary>The members by (sort name, id), in the database's order.</summary>
    public Entry[] ByName { get; }

    /// <summary>The members by (normalized email, id), in the database's order.</summary>
    public Entry[] ByEmail { get; }

    /// <summary>The organization's index, or null when a member was compiled without their contact (then only SQL knows the keys).</summary>
    public static MemberSearchIndex? For(CompiledOrganization organization) => Built.GetValue(organization, Build);

    private static MemberSearchIndex? Build(CompiledOrganization organization)
    {
        var entries = new Entry[organization.MemberCount];
        var count = 0;
        foreach (var member in organization.Members)
        {
            if (member.Contact is not { } contact)
            {
                return null;
            }
            var sortName = User.DisplayNameOf(contact.FirstName, contact.LastName, contact.Email).ToLowerInvariant();
            var email = EmailAddress.Normalize(contact.Email);
            entries[count++] = new Entry(member, sortName, email, PairMask.Of(sortName) | PairMask.Of(email));
        }
        var byName = entries[..count];
        var byEmail = entries[..count];
        Array.Sort(byName, static (a, b) => Compare(a.SortName, a.Member.MemberId, b.SortName, b.Member.MemberId));
        Array.Sort(byEmail, static (a, b) => Compare(a.Email, a.Member.MemberId, b.Email, b.Member.MemberId));
        return new MemberSearchIndex(byName, byEmail);
    }

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
    internal sealed record Entry(CompiledMember Member, string SortName, string Email, ulong Pairs);
}

/// <summary>
/// Strings in Unicode code point order, which is the order of their UTF-8 bytes: PostgreSQL's under the C collation and
/// SQLite's BINARY. Ordinal UTF-16 order differs only where a surrogate pair meets a character from U+E000 to U+FFFF.
/// </summary>
internal static class CodePointOrder
{
    /// <summary>Negative, zero or positive as <paramref name="a"/> comes before, with or after <paramref name="b"/>.</summary>
    public static int Compare(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }
        return Lifted(a[common]) - Lifted(b[common]);
    }

    // Surrogates (U+D800..U+DFFF) moved above U+FFFF, U+E000..U+FFFF moved down to make room.
    private static int Lifted(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}

/// <summary>
/// 64 bits, one per hash of each pair of adjacent characters: a text's pairs must all be among a key's for the key to
/// contain the text, so most keys are passed over without a substring search.
/// </summary>
internal static class PairMask
{
    /// <summary>The mask of a text's pairs (0 for a single character: everything may contain it).</summary>
    public static ulong Of(string text)
    {
        ulong mask = 0;
        for (var i = 1; i < text.Length; i++)
        {
            mask |= 1UL << (int)(((uint)text[i - 1] * 0x9E3779B1u + text[i]) * 0x85EBCA6Bu >> 26);
        }
        return mask;
    }
}
