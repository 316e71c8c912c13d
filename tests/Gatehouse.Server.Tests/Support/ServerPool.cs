using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(Gatehouse.Server.Tests.Support.ServerPool))]

namespace Gatehouse.Server.Tests.Support;

/// <summary>The servers the tests share, one per (store, preset), started on first use and stopped after the last test.</summary>
public sealed class ServerPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Store, string Preset, bool Kestrel), Lazy<Task<GatehouseApp>>> _servers = new();

    /// <summary>The shared in-memory server for a store and preset.</summary>
    public Task<GatehouseApp> GetAsync(string store, string preset = "default") => Get(store, preset, kestrel: false);

    /// <summary>The shared server for a store and preset that listens on loopback, for browser tests.</summary>
    public Task<GatehouseApp> GetListeningAsync(string store, string preset = "default") => Get(store, preset, kestrel: true);

    private Task<GatehouseApp> Get(string store, string preset, bool kestrel) =>
        _servers.GetOrAdd((store, preset, kestrel), key => new Lazy<Task<GatehouseApp>>(() => GatehouseApp.StartAsync(key.Store, key.Preset, kestrel: key.Kestrel))).Value;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}

/// <summary>The stores every integration test runs on.</summary>
public static class Stores
{
    /// <summary>SQLite (the embedded default) and PostgreSQL (production).</summary>
    public static TheoryData<string> All => new("sqlite", "postgres");
}
