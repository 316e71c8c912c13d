using BenchmarkDotNet.Attributes;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks;

/// <summary>Single and batch checks on the full deployment, and the naive evaluator on the same queries; every time is per check.</summary>
[MemoryDiagnoser]
[Config(typeof(ChecksPerSecondColumn.Config))]
public class CheckBenchmarks
{
    private const int WarmQueries = 4_096;
    private const int ColdQueries = 262_144;
    private const int Batches = 64;
    private const int BatchSize = 100;

    private AccessEngine _engine = null!;
    private NaiveAccessRule _naive = null!;
    private CheckQuery[] _warm = null!;
    private CheckQuery[] _cold = null!;
    private (Guid OrganizationId, Guid UserId, AccessQuery[] Queries)[] _batches = null!;
    private readonly bool[] _answers = new bool[BatchSize];

    [GlobalSetup]
    public void Setup()
    {
        var deployment = LoadedDeployment.Instance;
        var permissions = deployment.Model.Catalog.Count;
        _engine = deployment.Engine;
        _warm = QuerySet.Random(deployment.Organizations, permissions, WarmQueries, seed: 1);
        _cold = QuerySet.Random(deployment.Organizations, permissions, ColdQueries, seed: 2);
        _batches = QuerySet.Batches(deployment.Organizations, permissions, Batches, BatchSize, seed: 3);
        _naive = new NaiveAccessRule(deployment.Model, deployment.Organizations, TimeProvider.System);
        if (Check() != Naive())
        {
            throw new InvalidOperationException("The engine and the naive evaluator disagree.");
        }
    }

    /// <summary>4,096 random checks: the members, scopes and bitsets they touch stay in the CPU caches between iterations.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = WarmQueries)]
    public int Check() => RunEngine(_warm);

    /// <summary>262,144 random checks: most touch memory no recent check touched.</summary>
    [Benchmark(OperationsPerInvoke = ColdQueries)]
    public int CheckAcrossTheDataset() => RunEngine(_cold);

    /// <summary>64 batches of 100 checks for one member each.</summary>
    [Benchmark(OperationsPerInvoke = Batches * BatchSize)]
    public int CheckManyOf100()
    {
        var allowed = 0;
        foreach (var (organizationId, userId, queries) in _batches)
        {
            _engine.CheckMany(organizationId, userId, queries, _answers);
            foreach (var answer in _answers)
            {
                allowed += answer ? 1 : 0;
            }
        }
        return allowed;
    }

    /// <summary>The same 4,096 checks, answered by walking each organization's grants.</summary>
    [Benchmark(OperationsPerInvoke = WarmQueries)]
    public int Naive()
    {
        var allowed = 0;
        foreach (ref readonly var q in _warm.AsSpan())
        {
            allowed += _naive.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId) ? 1 : 0;
        }
        return allowed;
    }

    // Loops are written out rather than shared through a delegate so the measured time is the check alone.
    private int RunEngine(CheckQuery[] queries)
    {
        var allowed = 0;
        foreach (ref readonly var q in queries.AsSpan())
        {
            allowed += _engine.Check(q.OrganizationId, q.UserId, q.Permission, q.ScopeId, q.ResourceOwnerUserId) ? 1 : 0;
        }
        return allowed;
    }
}
