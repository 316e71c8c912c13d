using System.Diagnostics;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks;

/// <summary>The <c>--memory</c> mode: loads the whole deployment and prints the managed memory the engine keeps.</summary>
public static class MemoryReport
{
    private const double MiB = 1024 * 1024;

    /// <summary>Snapshots are generated and loaded one at a time, so only what the engine keeps is measured.</summary>
    public static void Run(TextWriter output)
    {
        var shape = new DeploymentShape();
        var model = SyntheticModel.Create();
        var engine = new AccessEngine(model, TimeProvider.System);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (organizations, members, grants, scopes) = (0, 0, 0, 0);
        var clock = Stopwatch.StartNew();
        var compiling = TimeSpan.Zero;
        foreach (var snapshot in SyntheticDeployment.Generate(shape))
        {
            var start = clock.Elapsed;
            engine.Load(snapshot);
            compiling += clock.Elapsed - start;
            (organizations, members, grants, scopes) = (organizations + 1, members + snapshot.Members.Count, grants + snapshot.Grants.Count, scopes + snapshot.Scopes.Count);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        output.WriteLine($"Loaded {organizations:N0} organizations, {members:N0} members, {grants:N0} grants, {scopes:N0} scopes (seed {shape.Seed}).");
        output.WriteLine($"Compile time, all organizations: {compiling.TotalSeconds:F2} s (generation excluded).");
        output.WriteLine($"Managed memory kept by the engine: {(after - before) / MiB:F1} MiB (GC.GetTotalMemory after full collections).");
        output.WriteLine($"GC heap size after loading: {heap / MiB:F1} MiB (includes the model and the runtime's own objects).");
        output.WriteLine($"Target: 500 MB -> {((after - before) <= 500_000_000 ? "met" : "NOT met")}.");
        GC.KeepAlive(engine);
    }
}
