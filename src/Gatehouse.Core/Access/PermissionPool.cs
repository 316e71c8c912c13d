using System.Runtime.InteropServices;

namespace Gatehouse.Core.Access;

/// <summary>
/// An organization's distinct permission sets in one array of 64-bit words, each set stored once and named by its
/// word offset; members with the same roles at the same places share one. Shared by every version of the
/// organization that changes patch: sets are only ever appended, so a version reads the array it captured.
/// </summary>
internal sealed class PermissionPool
{
    private HashSet<int>? _offsets;
    private ulong[] _words;
    private int _used;

    public PermissionPool(int stride, int expectedSets = 16)
    {
        Stride = stride;
        _words = new ulong[Math.Max(stride, 1) * Math.Max(expectedSets, 16)];
    }

    /// <summary>Words per set.</summary>
    public int Stride { get; }

    /// <summary>Words in use (including sets no version refers to any more).</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>The words as they are now; every offset handed out so far is inside.</summary>
    public ulong[] Words => Volatile.Read(ref _words);

    /// <summary>The offset of a set equal to <paramref name="set"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<ulong> set)
    {
        lock (this)
        {
            if (_used + Stride > _words.Length)
            {
                var grown = new ulong[Math.Max(_words.Length * 2, 16 * Stride)];
                _words.AsSpan(0, _used).CopyTo(grown);
                Volatile.Write(ref _words, grown);
            }
            // The candidate is written past the end first, so the table compares it like any stored set. No version
            // reads past the sets it refers to, so writing there while others read is safe.
            set.CopyTo(_words.AsSpan(_used, Stride));
            _offsets ??= Index();
            if (_offsets.TryGetValue(_used, out var existing))
            {
                return existing;
            }
            _offsets.Add(_used);
            Volatile.Write(ref _used, _used + Stride);
            return _used - Stride;
        }
    }

    /// <summary>
    /// Drops the index of sets (a third of the pool's memory) and the spare room; the next <see cref="Intern"/>
    /// builds them again. Versions keep reading the words they captured.
    /// </summary>
    public void Trim()
    {
        lock (this)
        {
            _offsets = null;
            Volatile.Write(ref _words, _words[..Math.Max(_used, Stride)]);
        }
    }

    private HashSet<int> Index()
    {
        var offsets = new HashSet<int>(_used / Math.Max(Stride, 1), new ContentComparer(this));
        for (var offset = 0; offset < _used; offset += Stride)
        {
            offsets.Add(offset);
        }
        return offsets;
    }

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
