using System.Collections.Concurrent;
using Gatehouse.Server.Tests.Support;

[assembly: AssemblyFixture(typeof(Gatehouse.Server.Tests.Oidc.OidcServers))]

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>The servers with the OpenID Connect provider turned on, one per store, shared by the provider's tests (each makes its own clients and people).</summary>
public sealed class OidcServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GatehouseApp>>> _servers = new();

    /// <summary>The shared in-memory server of a store; its public URL (and issuer) is http://127.0.0.1.</summary>
    public Task<GatehouseApp> GetAsync(string store) =>
        _servers.GetOrAdd(store, s => new Lazy<Task<GatehouseApp>>(() => GatehouseApp.StartAsync(s, settings: OidcKeyTests.Enabled))).Value;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
