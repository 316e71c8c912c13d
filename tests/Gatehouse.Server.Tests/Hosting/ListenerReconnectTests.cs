using System.Net;
using Gatehouse.Server.Access;
using Gatehouse.Server.Tests.Support;
using Npgsql;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// The access-change listener of a node (PostgreSQL LISTEN) loses its connection, loudly or silently; changes made on
/// another node still reach the node's cache, since it reconnects and forgets everything it had loaded.
/// Each test runs two nodes on a PostgreSQL of its own, so terminating or freezing backends touches no other test.
/// </summary>
public sealed class ListenerReconnectTests
{
    private static readonly Dictionary<string, string> QuickKeepAlive = new() { ["Gatehouse:NotificationKeepAlive"] = "00:00:01" };

    [Fact]
    public async Task ListenerBackendTerminated_ChangeOnTheOtherNode_ReachesTheCache()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await using var first = await GatehouseApp.StartAsync("postgres", postgresServer: postgres.ConnectionString);
        var firstListener = await FirstListenerAsync(first);
        await using var second = GatehouseApp.AnotherNode(first);
        var (organization, listener) = await WarmSecondNodeAsync(first, second, firstListener);

        await using (var admin = await OpenAsync(first))
        {
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({listener})", admin);
            Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
        }
        // Made while the second node's listener is gone: its notification is never delivered there.
        await first.CreateScopeAsync(organization, "Hamburg");

        Assert.Equal(["Berlin", "Hamburg"], await ScopesOnAsync(second, organization, count: 2));
        var back = await Poll.UntilAsync(() => ListenersAsync(first), pids => pids.Count == 2 && !pids.Contains(listener), "the second node's listener back");
        Assert.Contains(firstListener, back);
    }

    [Fact]
    public async Task ListenerConnectionSilentlyDead_ChangeOnTheOtherNode_ReachesTheCache()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await using var first = await GatehouseApp.StartAsync("postgres", settings: QuickKeepAlive, postgresServer: postgres.ConnectionString);
        var firstListener = await FirstListenerAsync(first);
        await using var second = GatehouseApp.AnotherNode(first);
        var (organization, listener) = await WarmSecondNodeAsync(first, second, firstListener);

        // A frozen backend keeps its socket open and answers nothing: what a dropped NAT entry or a dead host looks like.
        await OwnPostgres.SignalAsync(listener, "STOP");
        try
        {
            await first.CreateScopeAsync(organization, "Hamburg");
            Assert.Equal(["Berlin", "Hamburg"], await ScopesOnAsync(second, organization, count: 2));
        }
        finally
        {
            await OwnPostgres.SignalAsync(listener, "CONT");
        }
    }

    /// <summary>The backend of the only node's listener.</summary>
    private static async Task<int> FirstListenerAsync(GatehouseApp first) =>
        (await Poll.UntilAsync(() => ListenersAsync(first), pids => pids.Count == 1, "the first node's listener in pg_stat_activity"))[0];

    /// <summary>Finds the (started) second node's listener, creates an organization with one scope on the first node and has the second node load it.</summary>
    private static async Task<(Guid Organization, int Listener)> WarmSecondNodeAsync(GatehouseApp first, GatehouseApp second, int firstListener)
    {
        var listener = await Poll.UntilAsync(() => ListenerOfSecondAsync(first, firstListener), pid => pid is not null, "the second node's listener");
        var organization = await first.CreateOrganizationAsync("Listener");
        await first.CreateScopeAsync(organization, "Berlin");
        Assert.Equal(["Berlin"], await ScopesOnAsync(second, organization, count: 1));
        return (organization, listener!.Value);
    }

    private static async Task<int?> ListenerOfSecondAsync(GatehouseApp first, int notThisOne)
    {
        var pids = await ListenersAsync(first);
        return pids.Count == 2 ? pids.Single(p => p != notThisOne) : null;
    }

    /// <summary>The backends of the listeners on the app's database, found by the application name they connect with.</summary>
    private static async Task<List<int>> ListenersAsync(GatehouseApp app)
    {
        await using var connection = await OpenAsync(app);
        await using var query = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        query.Parameters.AddWithValue("name", AccessChangeListener.ApplicationName);
        var pids = new List<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }

    private static async Task<NpgsqlConnection> OpenAsync(GatehouseApp app)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The scope names the node answers with once it answers with <paramref name="count"/> of them (within 30 s).</summary>
    private static async Task<List<string?>> ScopesOnAsync(GatehouseApp node, Guid organization, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scopes = await (await node.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
            var names = scopes.EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
            if (names.Count == count || DateTime.UtcNow > deadline)
            {
                return names;
            }
            await Task.Delay(100);
        }
    }
}
