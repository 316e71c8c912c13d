namespace Gatehouse.Application.Members;

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
/// 128 bits, one per hash of each pair of adjacent characters: a text's pairs must all be among a key's for the key to
/// contain the text, so most keys are passed over without a substring search.
/// </summary>
/// <param name="Low">Bits 0 to 63.</param>
/// <param name="High">Bits 64 to 127.</param>
internal readonly record struct PairMask(ulong Low, ulong High)
{
    /// <summary>The mask of a text's pairs (none for a single character: every key may contain it).</summary>
    public static PairMask Of(string text)
    {
        ulong low = 0, high = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var bit = (int)(((uint)text[i - 1] * 0x9E3779B1u + text[i]) * 0x85EBCA6Bu >> 25);
            if (bit < 64)
            {
                low |= 1UL << bit;
            }
            else
            {
                high |= 1UL << (bit - 64);
            }
        }
        return new PairMask(low, high);
    }

    /// <summary>Both masks' pairs.</summary>
    public PairMask With(PairMask other) => new(Low | other.Low, High | other.High);

    /// <summary>True when every pair of this text's is among a key's mask (<paramref name="low"/>, <paramref name="high"/>).</summary>
    public bool MayBeIn(ulong low, ulong high) => (low & Low) == Low && (high & High) == High;
}
