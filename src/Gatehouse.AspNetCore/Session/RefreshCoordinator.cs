using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.AspNetCore.Session;

/// <summary>
/// One refresh per refresh token in this process. Gatehouse rotates refresh tokens with no reuse leeway: a second request
/// presenting the same refresh token is taken as theft and revokes the whole session. Two requests of one person arriving
/// together (a page and its script) carry the same cookie, so the second waits for, and shares, the first's result.
/// </summary>
/// <remarks>Several product nodes behind a load balancer need sticky sessions for the same guarantee (docs/sdk.md).</remarks>
internal sealed class RefreshCoordinator(TokenEndpoint endpoint, TimeProvider time)
{
    // Long enough for every request that left with the old cookie to arrive; short enough that the map stays small.
    private static readonly TimeSpan KeepResult = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (Lazy<Task<RefreshResult>> Refresh, DateTimeOffset Started)> _refreshes = new(StringComparer.Ordinal);

    /// <summary>The result of refreshing <paramref name="refreshToken"/>, asked of Gatehouse at most once while it is kept.</summary>
    public async Task<RefreshResult> RefreshAsync(string refreshToken)
    {
        var now = time.GetUtcNow();
        foreach (var (old, kept) in _refreshes)
        {
            if (now - kept.Started > KeepResult)
            {
                _refreshes.TryRemove(old, out _);
            }
        }
        // Keyed by a hash, so the map holds no usable token.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var entry = _refreshes.GetOrAdd(key, _ => (new Lazy<Task<RefreshResult>>(() => endpoint.RefreshAsync(refreshToken)), now));
        var result = await entry.Refresh.Value;
        if (result == RefreshResult.Unreachable)
        {
            // Nothing was used up: the next request may try again.
            _refreshes.TryRemove(new KeyValuePair<string, (Lazy<Task<RefreshResult>>, DateTimeOffset)>(key, entry));
        }
        return result;
    }
}
