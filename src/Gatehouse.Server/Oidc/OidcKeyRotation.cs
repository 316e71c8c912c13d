using Microsoft.Extensions.Options;
using Gatehouse.Server.Hosting;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Loads the provider's keys once the database is migrated (generating them on the very first start), then on every
/// check rotates them when they are due and picks up keys another node or the <c>keys rotate</c> command made.
/// </summary>
public sealed partial class OidcKeyRotation(OidcKeyRing ring, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<OidcKeyRotation> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Oidc.KeyCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.RotateIfDueAsync(stoppingToken);
                await ring.LoadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the OpenID Connect provider's keys failed; the loaded keys stay in use and the next check tries again.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
