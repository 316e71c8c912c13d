using Gatehouse.Application.Access;
using Gatehouse.Application.Organizations;
using Gatehouse.Server.Oidc;
using Gatehouse.Data;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatehouse.Server.Access;

/// <summary>
/// Keeps the access caches of several nodes sharing one PostgreSQL in step (and what else nodes keep: API keys, organization
/// names, client registrations): every write that changes access moves the organization's access version, and a trigger then sends
/// <c>pg_notify('gatehouse_access', '{organizationId}:{version}:{what it touched}')</c> inside its transaction (delivered on
/// commit); on every node that does not hold that version yet (the node that made the change has already patched it in),
/// the organization stops answering until the next read brings it up to date (<see cref="AccessCache.Notified"/>). Every sign of life on its connection
/// tells <see cref="StoreContact"/>. After a lost connection it reconnects and forgets every organization, since
/// notifications may have been missed meanwhile; until then (the database may be down) what is loaded keeps
/// answering checks for as long as <see cref="StoreContact"/> allows. SQLite is single-node: nothing to do.
/// </summary>
public sealed partial class AccessChangeListener(AccessCache cache, ApiKeyCache keys, OrganizationNames names, OidcClientDirectory clients, StoreContact contact, IOptions<GatehouseOptions> options,
    ILogger<AccessChangeListener> logger) : BackgroundService
{
    /// <summary>The channel that names organizations whose access changed.</summary>
    public const string Channel = AccessNotifications.Channel;

    /// <summary>The channel that names revoked API keys (<c>key:{id}</c>) or users whose keys all stopped (<c>user:{id}</c>).</summary>
    public const string KeysChannel = "gatehouse_api_keys";

    /// <summary>The application name of the listener's connection, so operators (and tests) find it in pg_stat_activity.</summary>
    public const string ApplicationName = "gatehouse-access-listener";

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes once the listener first listens (at once with SQLite). Its first connect forgets every loaded
    /// organization, so what a node loads before then may be read again once.
    /// </summary>
    public Task Listening => _listening.Task;

    /// <summary>Forgets a revoked key, or every key of a user, on this node at once and on the others through PostgreSQL.</summary>
    public static async Task ForgetKeysEverywhereAsync(GatehouseDb db, ApiKeyCache keys, Guid? keyId, Guid? userId, CancellationToken cancellationToken)
    {
        keys.Forget(c => c.ApiKeyId == keyId || c.UserId == userId);
        if (db.IsPostgres)
        {
            var payload = keyId is { } key ? $"key:{key}" : $"user:{userId}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({KeysChannel}, {payload})", cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsPostgres)
        {
            _listening.TrySetResult();
            return;
        }
        var keepAlive = options.Value.NotificationKeepAlive;
        var lostSaid = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionStringFor(options.Value.EffectiveConnectionString, keepAlive));
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {KeysChannel}; LISTEN {OidcClientDirectory.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Whatever changed while there was no connection went unannounced: forget everything loaded.
                cache.InvalidateAll();
                keys.Forget(_ => true);
                names.ForgetAll();
                clients.ForgetAll();
                contact.Heard();
                _listening.TrySetResult();
                lostSaid = false;
                await FollowAsync(connection, keepAlive, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // Nothing is forgotten yet: if the database is down, what is loaded is all checks can answer from.
                if (!lostSaid)
                {
                    LogLost(logger, e);
                    lostSaid = true;
                }
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
        }
    }

    /// <summary>How long the listener waits before it connects again.</summary>
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits for notifications at most <paramref name="keepAlive"/> at a time; after a quiet spell it pings, and a ping
    /// unanswered within <paramref name="keepAlive"/> throws. A connection that died without a word (a dropped NAT entry,
    /// a frozen or vanished host) is noticed that way: without it the wait would go on for ever while changes go by.
    /// </summary>
    private async Task FollowAsync(NpgsqlConnection connection, TimeSpan keepAlive, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(keepAlive, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = Seconds(keepAlive) };
                await ping.ExecuteScalarAsync(stoppingToken);
            }
            contact.Heard();
        }
    }

    /// <summary>
    /// The listener's own connection: named (pg_stat_activity shows it), out of the pool (a broken one must not be handed
    /// out again, nor a healthy one outlive the listener while still listening), with TCP keepalive so the operating
    /// system also notices a peer that went away.
    /// </summary>
    public static string ConnectionStringFor(string connectionString, TimeSpan keepAlive) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            TcpKeepAlive = true,
            TcpKeepAliveTime = Seconds(keepAlive),
            TcpKeepAliveInterval = Seconds(keepAlive),
        }.ConnectionString;

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private void Receive(string channel, string payload)
    {
        if (channel == OidcClientDirectory.Channel)
        {
            clients.Forget(payload);
        }
        else if (channel == Channel && payload.EndsWith(AccessNotifications.RenamedSuffix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(0, 36), out var renamed))
        {
            names.Forget(renamed);
        }
        else if (channel == Channel && AccessNotifications.TryParse(payload, out var organizationId, out var version, out var touched))
        {
            cache.Notified(organizationId, version, touched);
        }
        else if (channel == KeysChannel && payload.Length > 5 && Guid.TryParse(payload.AsSpan(payload.IndexOf(':', StringComparison.Ordinal) + 1), out var id))
        {
            keys.Forget(payload.StartsWith("key:", StringComparison.Ordinal) ? c => c.ApiKeyId == id : c => c.UserId == id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the access-change notifications from PostgreSQL; reconnecting every 2 s, then every loaded organization is read again.")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
