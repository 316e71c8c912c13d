namespace Gatehouse.Core.Model;

/// <summary>An immutable set of permissions as a bitset over the catalog.</summary>
public sealed class PermissionSet : IEquatable<PermissionSet>
{
    private readonly ulong[] _words;

    private PermissionSet(ulong[] words) => _words = words;

    /// <summary>The empty set.</summary>
    public static PermissionSet Empty { get; } = new([]);

    /// <summary>True when the bit at the position is set.</summary>
    public bool Contains(int index)
    {
        var word = index >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << (index & 63))) != 0;
    }

    /// <summary>True when the resolved permission is in the set.</summary>
    public bool Contains(PermissionId permission) => Contains(permission.Index);

    /// <summary>True when no bit is set.</summary>
    public bool IsEmpty => Array.TrueForAll(_words, w => w == 0);

    /// <summary>True when every permission of this set is also in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(PermissionSet other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var theirs = i < other._words.Length ? other._words[i] : 0;
            if ((_words[i] & ~theirs) != 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The union of two sets.</summary>
    public PermissionSet Union(PermissionSet other)
    {
        var (longer, shorter) = _words.Length >= other._words.Length ? (_words, other._words) : (other._words, _words);
        var words = (ulong[])longer.Clone();
        for (var i = 0; i < shorter.Length; i++)
        {
            words[i] |= shorter[i];
        }
        return new PermissionSet(words);
    }

    /// <summary>The permissions of this set missing from <paramref name="other"/>.</summary>
    public PermissionSet Except(PermissionSet other)
    {
        var words = (ulong[])_words.Clone();
        for (var i = 0; i < words.Length && i < other._words.Length; i++)
        {
            words[i] &= ~other._words[i];
        }
        return new PermissionSet(words);
    }

    /// <summary>The bit positions that are set, in ascending order.</summary>
    public IEnumerable<int> Indexes()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                yield return (w << 6) + bit;
                word &= word - 1;
            }
        }
    }

    /// <summary>Number of permissions in the set.</summary>
    public int Count => _words.Sum(w => System.Numerics.BitOperations.PopCount(w));

    /// <summary>ORs this set's words into a buffer of at least the same length (hot path, no allocation).</summary>
    internal void OrInto(Span<ulong> buffer)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            buffer[i] |= _words[i];
        }
    }

    internal ReadOnlySpan<ulong> Words => _words;

    /// <summary>A set over a copy of the given words.</summary>
    internal static PermissionSet FromWords(ReadOnlySpan<ulong> words) => new(words.ToArray());

    /// <inheritdoc/>
    public bool Equals(PermissionSet? other) => other is not null && IsSubsetOf(other) && other.IsSubsetOf(this);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PermissionSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var index in Indexes())
        {
            hash.Add(index);
        }
        return hash.ToHashCode();
    }

    /// <summary>Accumulates bits, then freezes them into a set.</summary>
    public sealed class Builder(int capacity)
    {
        private readonly ulong[] _words = new ulong[(capacity + 63) >> 6];

        /// <summary>Sets one bit.</summary>
        public Builder Add(int index)
        {
            _words[index >> 6] |= 1UL << (index & 63);
            return this;
        }

        /// <summary>Sets every bit of another set.</summary>
        public Builder Add(PermissionSet set)
        {
            set.OrInto(_words);
            return this;
        }

        /// <summary>Freezes the bits into an immutable set.</summary>
        public PermissionSet Build() => new((ulong[])_words.Clone());
    }
}
