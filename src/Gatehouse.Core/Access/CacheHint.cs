using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Gatehouse.Core.Access;

/// <summary>Asks the CPU to bring a cache line in, without waiting for it.</summary>
/// <remarks>
/// A load that misses holds up the CPU's reorder window until its line arrives, so a loop of loads over cold lines
/// can keep only as many misses in flight as fit in that window (a few queries' worth of instructions). A prefetch
/// retires as soon as its address is known, so a pass of them puts every miss of a batch in flight at once.
/// The address is only a hint: it may be stale (the GC moved the array) or past the end without harm.
/// Where there is no prefetch instruction, a plain read stands in (<see cref="Line"/> returns it to be kept).
/// </remarks>
internal static class CacheHint
{
    /// <summary>Prefetches the line holding <paramref name="location"/>; returns 0 (or the first byte read, where there is no prefetch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe uint Line<T>(ref readonly T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in location)));
            return 0;
        }
        return Unsafe.As<T, byte>(ref Unsafe.AsRef(in location));
    }
}
