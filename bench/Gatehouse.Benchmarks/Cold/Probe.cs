using System.Diagnostics;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks.Cold;

public static class Probe
{
    public static void Run(TextWriter output, string name)
    {
        var shape = name == "even" ? DeploymentShape.Even : new DeploymentShape();
        var model = SyntheticModel.Create();
        OrganizationSnapshot[] snapshots = [.. SyntheticDeployment.Generate(shape)];
        var engine = new AccessEngine(model, TimeProvider.System);
        foreach (var s in snapshots) engine.Load(s);
        OrganizationReference[] references = [.. snapshots.Select(s => new OrganizationReference(model, s))];
        var naive = new NaiveAccessRule(model, snapshots, TimeProvider.System);
        var stream = ColdQueries.Draw(model, references, naive, 200_000, seed: 11);
        var q = stream.Queries;
        var orgs = q.Select(x => engine.Find(x.OrganizationId)!).ToArray();
        var overhead = Latency.ClockOverhead();
        var memory = new MemoryFloor();
        for (var round = 0; round < 3; round++)
        {
            var t = new long[q.Length];
            var sink = 0;
            for (var i = 0; i < q.Length; i++) { var s0 = Stopwatch.GetTimestamp(); sink += engine.Find(q[i].OrganizationId)!.OwnerCount; t[i] = Stopwatch.GetTimestamp() - s0; }
            var find = Latency.Of(t, overhead);
            for (var i = 0; i < q.Length; i++) { ref readonly var x = ref q[i]; var o = orgs[i]; var s0 = Stopwatch.GetTimestamp(); sink += o.Check(x.UserId, x.Permission, x.ScopeId, x.ResourceOwnerUserId, TimeProvider.System) ? 1 : 0; t[i] = Stopwatch.GetTimestamp() - s0; }
            var check = Latency.Of(t, overhead);
            for (var i = 0; i < q.Length; i++) { ref readonly var x = ref q[i]; var s0 = Stopwatch.GetTimestamp(); sink += engine.Check(x.OrganizationId, x.UserId, x.Permission, x.ScopeId, x.ResourceOwnerUserId) ? 1 : 0; t[i] = Stopwatch.GetTimestamp() - s0; }
            var full = Latency.Of(t, overhead);
            var chase = Latency.Of(memory.TimeEach(q.Length), overhead);
            // scoped vs org-level
            var scoped = new List<long>(); var orgLevel = new List<long>();
            for (var i = 0; i < q.Length; i++) { ref readonly var x = ref q[i]; var s0 = Stopwatch.GetTimestamp(); sink += engine.Check(x.OrganizationId, x.UserId, x.Permission, x.ScopeId, x.ResourceOwnerUserId) ? 1 : 0; var e = Stopwatch.GetTimestamp() - s0; (x.ScopeId is null ? orgLevel : scoped).Add(e); }
            output.WriteLine($"chase {chase.Median:F0} | find {find.Median:F0} | org.Check {check.Median:F0} | engine.Check {full.Median:F0} (p99 {full.P99:F0}) | scoped {Latency.Of([.. scoped], overhead).Median:F0} org-level {Latency.Of([.. orgLevel], overhead).Median:F0} {sink}");
            var warm = q[..4096]; var worgs = orgs[..4096]; var wt = new List<long>(); var w1 = new long[4096];
            for (var pass = 0; pass < 30; pass++) { for (var i = 0; i < 4096; i++) { ref readonly var x = ref warm[i]; var o = worgs[i]; var s0 = Stopwatch.GetTimestamp(); sink += o.Check(x.UserId, x.Permission, x.ScopeId, x.ResourceOwnerUserId, TimeProvider.System) ? 1 : 0; w1[i] = Stopwatch.GetTimestamp() - s0; } if (pass > 5) wt.AddRange(w1); }
            var w256 = new List<long>();
            for (var pass = 0; pass < 400; pass++) { for (var i = 0; i < 256; i++) { ref readonly var x = ref warm[i]; var o = worgs[i]; var s0 = Stopwatch.GetTimestamp(); sink += o.Check(x.UserId, x.Permission, x.ScopeId, x.ResourceOwnerUserId, TimeProvider.System) ? 1 : 0; w1[i] = Stopwatch.GetTimestamp() - s0; } if (pass > 50) w256.AddRange(w1[..256]); }
            output.WriteLine($"   warm org.Check 4096: {Latency.Of([.. wt], overhead).Median:F0}  256: {Latency.Of([.. w256], overhead).Median:F0}");
        }
    }
}
