using System.Diagnostics;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>
/// Dev tool (<c>--steps even|long-tail</c>): times the steps of a check alone on the cold stream and on the warm
/// 4,096 queries, against one memory latency, to count how many dependent misses each step adds on a shape.
/// </summary>
public static class StepProbe
{
    public static int Run(TextWriter output, string name)
    {
        var shape = name == "even" ? DeploymentShape.Even : new DeploymentShape();
        var model = Gatehouse.Benchmarks.SyntheticModel.Create();
        OrganizationSnapshot[] snapshots = [.. SyntheticDeployment.Generate(shape)];
        var engine = new AccessEngine(model, TimeProvider.System);
        foreach (var snapshot in snapshots)
        {
            engine.Load(snapshot);
        }
        OrganizationReference[] references = [.. snapshots.Select(s => new OrganizationReference(model, s))];
        var naive = new NaiveAccessRule(model, snapshots, TimeProvider.System);
        var stream = ColdQueries.Draw(model, references, naive, 200_000, seed: 11).Queries;
        var overhead = Latency.ClockOverhead();
        var memory = new MemoryFloor();
        output.WriteLine($"## {shape.Name}, load average {ColdReport.LoadAverage()}");
        // What a query meets: the sizes of its organization's tables, weighted by members (queries are uniform over members).
        var sizes = snapshots.Select(s => (Members: s.Members.Count, Tables: engine.Find(s.OrganizationId)!.Tables)).ToArray();
        int Weighted(Func<CheckTables, int> size, double q)
        {
            var ordered = sizes.Where(s => s.Tables.Pairs is not null).OrderBy(s => size(s.Tables)).ToArray();
            var total = ordered.Sum(s => (long)s.Members);
            var seen = 0L;
            foreach (var s in ordered)
            {
                if ((seen += s.Members) >= q * total)
                {
                    return size(s.Tables);
                }
            }
            return 0;
        }
        output.WriteLine($"queries on organizations of one segment: {sizes.Where(s => s.Tables.Pairs is not null).Sum(s => (long)s.Members) / (double)sizes.Sum(s => (long)s.Members):P1}");
        foreach (var q in new[] { 0.25, 0.5, 0.75 })
        {
            output.WriteLine($"  {q:P0} of those: pool <= {Weighted(t => t.Pool.Length * 8, q):N0} B, pairs <= {Weighted(t => (int)t.PairCapacity * 24, q):N0} B, places <= {Weighted(t => (int)t.PlaceCapacity * 20, q):N0} B");
        }
        for (var round = 0; round < 2; round++)
        {
            var unit = Latency.Of(memory.TimeEach(stream.Length), overhead).Median;
            output.WriteLine($"memory latency {unit:F1} ns");
            Report(output, "table slot only (Find)", Time(stream, q => engine.Find(q.OrganizationId) is not null), overhead, unit);
            Report(output, "Find + organization object", Time(stream, q => engine.Find(q.OrganizationId) is { } o && o.OwnerCount >= 0), overhead, unit);
            Report(output, "Find, then organization.Check", Time(stream, q => engine.Find(q.OrganizationId) is { } o && o.Check(q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId, TimeProvider.System)), overhead, unit);
            Report(output, "Check", Time(stream, q => engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId)), overhead, unit);
            var warm = stream[..4_096];
            var find = new List<long>();
            var check = new List<long>();
            for (var pass = 0; pass < 20; pass++)
            {
                find.AddRange(Time(warm, q => engine.Find(q.OrganizationId) is { } o && o.OwnerCount >= 0));
                check.AddRange(Time(warm, q => engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId)));
            }
            Report(output, "warm 4,096: Find + organization", [.. find], overhead, unit);
            Report(output, "warm 4,096: Check", [.. check], overhead, unit);
            var tiny = stream[..64];
            var small = new List<long>();
            for (var pass = 0; pass < 200; pass++)
            {
                small.AddRange(Time(tiny, q => engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId)));
            }
            Report(output, "warm 64: Check", [.. small], overhead, unit);
        }
        return 0;
    }

    private static long[] Time(CheckQuery[] queries, Func<CheckQuery, bool> step)
    {
        var ticks = new long[queries.Length];
        var sink = 0;
        for (var i = 0; i < queries.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += step(queries[i]) ? 1 : 0;
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        GC.KeepAlive(sink);
        return ticks;
    }

    private static void Report(TextWriter output, string label, long[] ticks, long overhead, double unit) =>
        output.WriteLine($"  {label,-34} {Latency.Of(ticks, overhead).Format(unit)}");
}
