using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>The default synthetic deployment, generated and loaded once per benchmark process.</summary>
public sealed class LoadedDeployment
{
    private static readonly Lazy<LoadedDeployment> Shared = new(() => new LoadedDeployment());

    private LoadedDeployment()
    {
        Model = SyntheticModel.Create();
        Organizations = [.. SyntheticDeployment.Generate(new DeploymentShape())];
        Engine = new AccessEngine(Model, TimeProvider.System);
        foreach (var organization in Organizations)
        {
            Engine.Load(organization);
        }
    }

    /// <summary>The one instance of this process.</summary>
    public static LoadedDeployment Instance => Shared.Value;

    /// <summary>The access model.</summary>
    public AccessModel Model { get; }

    /// <summary>The snapshots, kept for the naive evaluator and for drawing queries.</summary>
    public OrganizationSnapshot[] Organizations { get; }

    /// <summary>The engine with every organization loaded.</summary>
    public AccessEngine Engine { get; }
}
