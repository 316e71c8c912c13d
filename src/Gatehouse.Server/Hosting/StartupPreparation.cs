using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Email;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Migrates before the server accepts requests; once it listens, settles the public URL (refusing to run without
/// one) and prints the setup link, which needs the real listening address.
/// </summary>
public sealed class StartupPreparation(IServiceProvider services) : IHostedLifecycleService
{
    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken) => GatehouseHost.PrepareAsync(services, cancellationToken);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PublicLinks>().BaseUrl;
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<SetupLinks>().IssueWhenNeededAsync(scope.ServiceProvider.GetRequiredService<GatehouseDb>(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
