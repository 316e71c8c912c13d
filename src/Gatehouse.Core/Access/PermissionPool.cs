using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>Collects an organization's distinct permission bitsets into one array while it compiles.</summary>
/// <remarks>
/// Members with the same roles at the same places get the same set, so each distinct set is stored once and
/// named by its word offset; the whole organization's bits then live in one array a check indexes directly.
/// </remarks>
internal sealed class PermissionPool
{
    private readonly HashSet<int> _offsets;
    private ulong[] _words;
    private int _used;

    public PermissionPool(int stride)
    {
        Stride = stride;
        _words = new ulong[Math.Max(stride, 1) * 16];
        _offsets = new HashSet<int>(new ContentComparer(this));
    }

    /// <summary>Words per set.</summary>
    public int Stride { get; }

    /// <summary>The offset of a set equal to <paramref name="set"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<ulong> set)
    {
        if (_used + Stride > _words.Length)
        {
            Array.Resize(ref _words, _words.Length * 2);
        }
        // The candidate is written past the end first, so the table compares it like any stored set.
        set.CopyTo(_words.AsSpan(_used, Stride));
        if (_offsets.TryGetValue(_used, out var existing))
        {
            return existing;
        }
        _offsets.Add(_used);
        _used += Stride;
        return _used - Stride;
    }

    /// <summary>The stored sets, trimmed.</summary>
    public ulong[] ToArray() => _words[.._used];

    private ReadOnlySpan<ulong> At(int offset) => _words.AsSpan(offset, Stride);

    private sealed class ContentComparer(PermissionPool pool) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => pool.At(x).SequenceEqual(pool.At(y));

        public int GetHashCode(int offset)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(pool.At(offset)));
            return hash.ToHashCode();
        }
    }
}
