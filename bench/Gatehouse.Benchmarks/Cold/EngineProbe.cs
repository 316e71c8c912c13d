using System.Diagnostics;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>Times <see cref="AccessEngine.Check"/> and <see cref="AccessEngine.CheckMany"/> the same way as the floors.</summary>
internal sealed class EngineProbe(AccessEngine engine)
{
    /// <summary>Each check timed alone; the answers are kept for verification.</summary>
    public long[] TimeEach(CheckQuery[] queries, bool[] answers)
    {
        var ticks = new long[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            ref readonly var q = ref queries[i];
            var start = Stopwatch.GetTimestamp();
            answers[i] = engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        return ticks;
    }

    /// <summary>Nanoseconds per check over the stream run back to back (checks may overlap in the CPU).</summary>
    public double TimeRun(CheckQuery[] queries) => Latency.Nanoseconds(Run(queries, out _)) / queries.Length;

    /// <summary>Bytes this thread allocated over one pass of checks.</summary>
    public long Allocated(CheckQuery[] queries)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(queries, out _);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public long Run(CheckQuery[] queries, out int allowed)
    {
        allowed = 0;
        var start = Stopwatch.GetTimestamp();
        foreach (ref readonly var q in queries.AsSpan())
        {
            allowed += engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId) ? 1 : 0;
        }
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Per-check time of each batch, the batch timed whole and divided by its size.</summary>
    public long[] TimeBatches((Guid OrganizationId, Guid UserId, AccessQuery[] Queries)[] batches, out int allowed)
    {
        var ticks = new long[batches.Length];
        var answers = new bool[batches.Max(b => b.Queries.Length)];
        allowed = 0;
        for (var i = 0; i < batches.Length; i++)
        {
            var (organizationId, userId, queries) = batches[i];
            var start = Stopwatch.GetTimestamp();
            engine.CheckMany(organizationId, userId, queries, answers);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            foreach (var answer in answers.AsSpan(0, queries.Length))
            {
                allowed += answer ? 1 : 0;
            }
        }
        return ticks;
    }

    /// <summary>Bytes allocated by <see cref="AccessEngine.CheckMany"/> over every batch (the answers' array made before).</summary>
    public long BatchAllocated((Guid OrganizationId, Guid UserId, AccessQuery[] Queries)[] batches)
    {
        var answers = new bool[batches.Max(b => b.Queries.Length)];
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (organizationId, userId, queries) in batches)
        {
            engine.CheckMany(organizationId, userId, queries, answers);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>How many answers of the first <paramref name="count"/> batches differ from the naive evaluator's (not timed).</summary>
    public int BatchMismatches((Guid OrganizationId, Guid UserId, AccessQuery[] Queries)[] batches, int count, NaiveAccessRule naive)
    {
        var mismatches = 0;
        foreach (var (organizationId, userId, queries) in batches.Take(count))
        {
            var answers = new bool[queries.Length];
            engine.CheckMany(organizationId, userId, queries, answers);
            for (var i = 0; i < queries.Length; i++)
            {
                var q = queries[i];
                mismatches += answers[i] == naive.Check(organizationId, userId, q.Permission, q.ScopeId, q.ResourceOwnerUserId) ? 0 : 1;
            }
        }
        return mismatches;
    }

    /// <summary>Checks per second on <paramref name="threads"/> threads, each looping over its own order of the stream.</summary>
    public double Throughput(CheckQuery[][] streams, int threads, TimeSpan duration)
    {
        var counts = new long[threads];
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var stream = streams[t];
            start.SignalAndWait();
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var done = 0L;
            while (Stopwatch.GetTimestamp() < until)
            {
                Run(stream, out _);
                done += stream.Length;
            }
            counts[t] = done;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }
        var clock = Stopwatch.StartNew();
        start.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
