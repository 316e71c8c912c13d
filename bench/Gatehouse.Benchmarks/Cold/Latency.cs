using System.Diagnostics;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>Per-call times, with the cost of reading the clock twice taken off.</summary>
internal readonly record struct Latency(double Median, double P90, double P99, double P999, int Calls)
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>
    /// The median time between two back-to-back clock reads. On Linux <see cref="Stopwatch.GetTimestamp"/> reads the
    /// clock through the vDSO with an ordered TSC read, so the second read waits for every load before it: each
    /// call is timed whole, and calls do not overlap.
    /// </summary>
    public static long ClockOverhead()
    {
        var ticks = new long[200_000];
        for (var i = 0; i < ticks.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        Array.Sort(ticks);
        return ticks[ticks.Length / 2];
    }

    public static double Nanoseconds(long ticks) => ticks * NanosecondsPerTick;

    /// <summary>Percentiles of the given per-call ticks (sorted in place), less the clock's own cost.</summary>
    public static Latency Of(long[] ticks, long overhead)
    {
        Array.Sort(ticks);
        double At(double q) => Math.Max(0, Nanoseconds(ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] - overhead));
        return new Latency(At(0.5), At(0.9), At(0.99), At(0.999), ticks.Length);
    }

    public string Format(double unit) =>
        $"{Median,8:F1} ns ({Median / unit,5:F2})  p90 {P90,8:F1} ({P90 / unit,5:F2})  p99 {P99,8:F1} ({P99 / unit,5:F2})  p99.9 {P999,8:F1} ({P999 / unit,5:F2})";
}
