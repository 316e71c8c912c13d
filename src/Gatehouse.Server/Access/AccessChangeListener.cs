using Gatehouse.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatehouse.Server.Access;

/// <summary>
/// Keeps the access caches of several nodes sharing one PostgreSQL in step: every write that changes
/// access sends <c>pg_notify('gatehouse_access', organizationId)</c> inside its transaction (delivered on
/// commit), and this listener forgets that organization on every node. After a lost connection it forgets
/// every organization, since notifications may have been missed meanwhile. SQLite is single-node: nothing to do.
/// </summary>
public sealed class AccessChangeListener(AccessCache cache, IOptions<GatehouseOptions> options, ILogger<AccessChangeListener> logger) : BackgroundService
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "gatehouse_access";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsPostgres)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Value.EffectiveConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var organizationId))
                    {
                        cache.Invalidate(organizationId);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                cache.InvalidateAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Lost the access-change notifications from PostgreSQL; reconnecting in 2 s.");
                cache.InvalidateAll();
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
