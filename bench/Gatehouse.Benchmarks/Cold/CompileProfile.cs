using System.Diagnostics;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>Dev tool: compiles a shape's organizations repeatedly (for a profiler) and prints the time of each round.</summary>
public static class CompileProfile
{
    public static void Run(TextWriter output, string name, int rounds)
    {
        var shape = name == "even" ? DeploymentShape.Even : new DeploymentShape();
        var model = SyntheticModel.Create();
        OrganizationSnapshot[] snapshots = [.. SyntheticDeployment.Generate(shape)];
        for (var r = 0; r < rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var s in snapshots) { GC.KeepAlive(new CompiledOrganization(model, s)); }
            output.WriteLine($"round {r}: {clock.Elapsed.TotalSeconds:F2} s");
        }
    }
}
