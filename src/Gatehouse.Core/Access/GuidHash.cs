using System.Runtime.CompilerServices;

namespace Gatehouse.Core.Access;

/// <summary>
/// The 64-bit hashes the check tables are keyed by: one per id, and one per (user, place) pair mixed from the two, so
/// a check hashes the caller's ids once and finds every slot it needs from them without reading anything first.
/// </summary>
/// <remarks>
/// Both halves of the Guid go in and every output bit depends on every input bit (a multiply-xorshift finalizer), so
/// ids that differ in few bits (sequential or time-ordered ids) spread over a table as well as random ones.
/// </remarks>
internal static class GuidHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Mixer = 0xD6E8FEB86659FD93UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(Guid id)
    {
        ref var halves = ref Unsafe.As<Guid, ulong>(ref id);
        return Mix((halves * Golden) ^ Unsafe.Add(ref halves, 1));
    }

    /// <summary>The hash of a (user, place) pair from the hashes of the two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pair(ulong user, ulong place) => Mix(user ^ ((place + Golden) * Mixer));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x ^= x >> 32;
        x *= Mixer;
        x ^= x >> 29;
        x *= Golden;
        return x ^ (x >> 32);
    }

    /// <summary>A slot in [0, capacity) from the low half of a hash (a multiply, no division, any capacity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Home(ulong hash, uint capacity) => (uint)(((ulong)(uint)hash * capacity) >> 32);

    /// <summary>A non-zero tag from the high half, so an empty slot (tag 0) is never taken for a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Tag(ulong hash) => (uint)(hash >> 32) | 1;
}
