using System.Diagnostics;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>
/// One memory latency: a dependent pointer chase through a 128 MiB working set, one hop per cache line, in a random
/// cycle (Sattolo's shuffle) so neither the caches nor the prefetchers help.
/// </summary>
internal sealed class MemoryFloor
{
    private const int LineInts = 16;
    private readonly int[] _next;
    private int _at;

    public MemoryFloor(int bytes = 128 << 20, int seed = 5)
    {
        var lines = bytes / 64;
        var order = Enumerable.Range(0, lines).ToArray();
        var random = new Random(seed);
        for (var i = lines - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        // Line i's first int names the line that follows it in the cycle: a cycle through every line.
        _next = new int[lines * LineInts];
        for (var i = 0; i < lines; i++)
        {
            _next[i * LineInts] = order[i] * LineInts;
        }
    }

    /// <summary>Per-hop times, each hop timed alone.</summary>
    public long[] TimeEach(int hops)
    {
        var ticks = new long[hops];
        var at = _at;
        var next = _next;
        for (var i = 0; i < ticks.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            at = next[at];
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        _at = at;
        return ticks;
    }

    /// <summary>Nanoseconds per hop over a run of hops timed together.</summary>
    public double TimeRun(int hops)
    {
        var at = _at;
        var next = _next;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < hops; i++)
        {
            at = next[at];
        }
        var elapsed = Stopwatch.GetTimestamp() - start;
        _at = at;
        return Latency.Nanoseconds(elapsed) / hops;
    }
}
