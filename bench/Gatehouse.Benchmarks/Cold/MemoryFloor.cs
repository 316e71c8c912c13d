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

    /// <summary>What the last <see cref="TimeParallel"/> reached (a sum of its cursors): kept, so its loop is not optimized away.</summary>
    public int Reached { get; private set; }

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

    /// <summary>
    /// Nanoseconds per hop when <paramref name="chains"/> chases run interleaved, each hop of a chase waiting on its own
    /// previous one but on no other chase's: how much of a memory latency a miss costs when that many are in flight at once,
    /// the most a batch of independent lookups can overlap on this machine. The chases start at random lines of the one cycle and
    /// move in step, so each keeps its distance to the others.
    /// </summary>
    public double TimeParallel(int chains, int hops)
    {
        Span<int> at = stackalloc int[chains];
        var random = new Random(chains);
        for (var c = 0; c < at.Length; c++)
        {
            at[c] = random.Next(_next.Length / LineInts) * LineInts;
        }
        var next = _next;
        var rounds = Math.Max(1, hops / chains);
        var start = Stopwatch.GetTimestamp();
        for (var r = 0; r < rounds; r++)
        {
            for (var c = 0; c < at.Length; c++)
            {
                at[c] = next[at[c]];
            }
        }
        var elapsed = Stopwatch.GetTimestamp() - start;
        var sum = 0;
        foreach (var cursor in at)
        {
            sum += cursor;
        }
        Reached = sum; // the cursors are read after the loop, so it is not optimized away
        return Latency.Nanoseconds(elapsed) / ((double)rounds * chains);
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
