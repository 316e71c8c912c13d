using System.Collections.Concurrent;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// A server per store for <see cref="BadInputTests"/> alone, so that counting every table's rows before and after a
/// case is not disturbed by other tests writing at the same time; the cases of one class run one after another.
/// </summary>
public sealed class BadInputServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BadInputWorld>>> _worlds = new();

    /// <summary>The world of a store, started on first use.</summary>
    public Task<BadInputWorld> GetAsync(string store) =>
        _worlds.GetOrAdd(store, s => new Lazy<Task<BadInputWorld>>(() => BadInputWorld.CreateAsync(s))).Value;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsValueCreated))
        {
            await (await world.Value).App.DisposeAsync();
        }
    }
}
