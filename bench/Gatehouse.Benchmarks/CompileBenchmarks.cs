using BenchmarkDotNet.Attributes;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>Compiling one organization of 10,000 members, 100,000 grants and 1,110 scopes (what a reload after a write costs).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CompileBenchmarks
{
    private AccessModel _model = null!;
    private OrganizationSnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = SyntheticModel.Create();
        _snapshot = SyntheticDeployment.Large(members: 10_000, seed: 7);
    }

    [Benchmark]
    public CompiledOrganization Compile() => new(_model, _snapshot);
}
