using System.Diagnostics;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>
/// The <c>--cold</c> mode: checks on a cache-cold uniform random stream over a large deployment, against the floor of
/// one memory latency and a bare dictionary, in one process and one run, so the ratios compare like with like.
/// </summary>
public static class ColdReport
{
    private const int StreamLength = 200_000;
    private const int Rounds = 3;
    private const int VerifiedBatches = 1_000;

    public static int Run(TextWriter output, IReadOnlyList<string> shapes)
    {
        output.WriteLine($"load average at start: {LoadAverage()}");
        var clockOverhead = Latency.ClockOverhead();
        output.WriteLine($"clock overhead (two back-to-back reads, subtracted from every per-call time): {Latency.Nanoseconds(clockOverhead):F1} ns");
        var failed = false;
        foreach (var shape in shapes.Select(Shape))
        {
            failed |= !RunShape(output, shape, clockOverhead);
        }
        output.WriteLine($"load average at end: {LoadAverage()}");
        return failed ? 1 : 0;
    }

    private static DeploymentShape Shape(string name) => name switch
    {
        "even" => DeploymentShape.Even,
        "long-tail" => new DeploymentShape(),
        _ => throw new ArgumentException($"Unknown shape '{name}': use 'even' or 'long-tail'."),
    };

    private static bool RunShape(TextWriter output, DeploymentShape shape, long clockOverhead)
    {
        output.WriteLine();
        output.WriteLine($"## {shape.Name} (seed {shape.Seed})");
        var model = SyntheticModel.Create();
        var first = Footprint.Measure(model, shape);
        var footprint = Footprint.Measure(model, shape);
        output.WriteLine($"memory kept by the engine: {footprint.Bytes / 1048576.0:F1} MiB = {footprint.Bytes / (double)footprint.Grants:F1} bytes per grant " +
            $"({footprint.Organizations:N0} organizations, {footprint.Members:N0} members, {footprint.Grants:N0} grants, {footprint.Scopes:N0} scopes)");
        output.WriteLine($"compile, every organization, one thread: {footprint.CompileSeconds:F2} s (the first time in the process, with the JIT compiling the compiler: {first.CompileSeconds:F2} s)");

        OrganizationSnapshot[] snapshots = [.. SyntheticDeployment.Generate(shape)];
        var engine = new AccessEngine(model, TimeProvider.System);
        foreach (var snapshot in snapshots)
        {
            engine.Load(snapshot);
        }
        OrganizationReference[] references = [.. snapshots.Select(s => new OrganizationReference(model, s))];
        var naive = new NaiveAccessRule(model, snapshots, TimeProvider.System);
        var stream = ColdQueries.Draw(model, references, naive, StreamLength, seed: 11);
        output.WriteLine($"stream: {StreamLength:N0} queries, {stream.AllowedShare:P1} allowed, {stream.NearMisses / (double)StreamLength:P1} near misses (held elsewhere in the organization)");

        var probe = new EngineProbe(engine);
        var answers = new bool[StreamLength];
        probe.TimeEach(stream.Queries, answers);
        probe.TimeRun(stream.Queries);
        var mismatches = Mismatches(answers, stream.Expected);
        var memory = new MemoryFloor();
        var dictionary = new DictionaryFloor(model, references);
        var dictionaryAnswers = new bool[StreamLength];
        dictionary.TimeEach(stream.Queries, dictionaryAnswers);
        memory.TimeEach(StreamLength);
        output.WriteLine($"dictionary floor: {dictionary.Count:N0} (user, place) entries");

        var (chase, check, bare) = (new List<long>(), new List<long>(), new List<long>());
        var (chaseRun, checkRun, bareRun) = (0.0, 0.0, 0.0);
        for (var round = 0; round < Rounds; round++)
        {
            chase.AddRange(memory.TimeEach(StreamLength));
            check.AddRange(probe.TimeEach(stream.Queries, answers));
            mismatches += Mismatches(answers, stream.Expected);
            bare.AddRange(dictionary.TimeEach(stream.Queries, dictionaryAnswers));
            chaseRun += memory.TimeRun(StreamLength) / Rounds;
            checkRun += probe.TimeRun(stream.Queries) / Rounds;
            bareRun += dictionary.TimeRun(stream.Queries) / Rounds;
        }
        var latency = Latency.Of([.. chase], clockOverhead);
        var unit = latency.Median;
        output.WriteLine($"mismatches against the naive evaluator: {mismatches} (engine), {Mismatches(dictionaryAnswers, stream.Expected)} (dictionary)");
        output.WriteLine($"allocated by {StreamLength:N0} checks: {probe.Allocated(stream.Queries):N0} bytes");
        output.WriteLine("per call, timed alone (ns, and in memory latencies):");
        output.WriteLine($"  memory latency (128 MiB chase)  {latency.Format(unit)}");
        output.WriteLine($"  Check, cache-cold               {Latency.Of([.. check], clockOverhead).Format(unit)}");
        output.WriteLine($"  Dictionary<(Guid,Guid),ulong[]> {Latency.Of([.. bare], clockOverhead).Format(unit)}");
        output.WriteLine($"back to back (calls may overlap in the CPU), ns per call: chase {chaseRun:F1}, Check {checkRun:F1} ({checkRun / chaseRun:F2}), dictionary {bareRun:F1} ({bareRun / chaseRun:F2})");
        output.WriteLine("independent misses in flight at once (that many chases interleaved), ns per miss (in memory latencies): "
            + string.Join(", ", ParallelChains.Select(k => (k, ns: memory.TimeParallel(k, StreamLength))).Select(p => $"{p.k}: {p.ns:F1} ({p.ns / unit:F3})")));

        var warm = stream.Queries[..4_096];
        var warmTicks = new List<long>();
        for (var pass = 0; pass < 50; pass++)
        {
            var ticks = probe.TimeEach(warm, answers);
            if (pass >= 10)
            {
                warmTicks.AddRange(ticks);
            }
        }
        output.WriteLine($"  Check, warm cache (4,096 queries cycled) {Latency.Of([.. warmTicks], clockOverhead).Format(unit)}");

        foreach (var size in new[] { 20, 100 })
        {
            var batches = QuerySet.Batches(snapshots, model.Catalog.Count, 400_000 / size, size, seed: 13 + size);
            probe.TimeBatches(batches, out _);
            var perCheck = probe.TimeBatches(batches, out _).Select(t => t / size).ToArray();
            var batch = Latency.Of(perCheck, clockOverhead / size);
            output.WriteLine($"CheckMany, batches of {size} for one random member, per check: median {batch.Median:F1} ns ({batch.Median / unit:F3} latencies), p99 {batch.P99:F1} ns");
            // The same batches' first 64 cycled: their lines stay in the caches, so what is left is the checks' own work.
            var warmBatches = batches[..64];
            probe.TimeBatches(warmBatches, out _);
            var warmPerCheck = Enumerable.Range(0, 200).SelectMany(_ => probe.TimeBatches(warmBatches, out _)).Select(t => t / size).ToArray();
            output.WriteLine($"  warm cache (64 batches cycled), per check: median {Latency.Of(warmPerCheck, clockOverhead / size).Median:F1} ns");
            var batchMismatches = probe.BatchMismatches(batches, VerifiedBatches, naive);
            output.WriteLine($"  mismatches against the naive evaluator in the first {VerifiedBatches:N0} batches: {batchMismatches}; allocated by every batch: {probe.BatchAllocated(batches):N0} bytes");
            mismatches += batchMismatches;
        }

        output.WriteLine($"threads (load average {LoadAverage()}):");
        CheckQuery[][] orders = [.. Enumerable.Range(0, 2).Select(t => Shuffled(stream.Queries, 100 + t))];
        var (one, two) = (0.0, 0.0);
        for (var round = 0; round < 2; round++)
        {
            one += probe.Throughput(orders, 1, TimeSpan.FromSeconds(3)) / 2;
            two += probe.Throughput(orders, 2, TimeSpan.FromSeconds(3)) / 2;
        }
        output.WriteLine($"  one thread {one:N0} checks/s, two threads {two:N0} checks/s: {two / one:F2}x (load average {LoadAverage()})");
        GC.KeepAlive(engine);
        return mismatches == 0;
    }

    /// <summary>How many chases run interleaved for the line on overlapping misses: up to three times a batch of 20's lookups.</summary>
    private static readonly int[] ParallelChains = [1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 60];

    private static int Mismatches(bool[] answers, bool[] expected) => answers.Where((a, i) => a != expected[i]).Count();

    private static CheckQuery[] Shuffled(CheckQuery[] queries, int seed)
    {
        var copy = (CheckQuery[])queries.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>What the engine keeps of a whole deployment, loaded one organization at a time, and how long compiling took.</summary>
internal sealed record Footprint(long Bytes, double CompileSeconds, int Organizations, int Members, int Grants, int Scopes)
{
    public static Footprint Measure(AccessModel model, DeploymentShape shape)
    {
        var engine = new AccessEngine(model, TimeProvider.System);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var compiling = 0L;
        var (organizations, members, grants, scopes) = (0, 0, 0, 0);
        foreach (var snapshot in SyntheticDeployment.Generate(shape))
        {
            var start = Stopwatch.GetTimestamp();
            engine.Load(snapshot);
            compiling += Stopwatch.GetTimestamp() - start;
            (organizations, members, grants, scopes) = (organizations + 1, members + snapshot.Members.Count, grants + snapshot.Grants.Count, scopes + snapshot.Scopes.Count);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(engine);
        return new Footprint(after - before, Latency.Nanoseconds(compiling) / 1e9, organizations, members, grants, scopes);
    }
}
