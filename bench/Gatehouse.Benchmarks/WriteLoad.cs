using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Benchmarks;

/// <summary>
/// The write-load benchmark's client (bench/load/write-load.sh): access checks on an open schedule (each latency
/// measured from when the check was due) while the server is idle, then while writers change access in the same
/// organization as fast as it takes them (grants replaced, invitations accepted), then idle again. Prints writes/s
/// and the checks' p50/p99 in each phase. Members, users and scopes are the ids <c>seed-members.sql</c> derives
/// (<c>md5(org || 'member' || i)</c>, …); the invitation tokens come one a line from a file.
/// </summary>
public static class WriteLoad
{
    public static async Task<int> RunAsync(TextWriter output, Uri server, string key, Guid organization, int members, int scopes,
        string tokensFile, double seconds, double checkRate, int writers)
    {
        var tokens = new ConcurrentQueue<string>(File.ReadAllLines(tokensFile).Where(t => t.Length > 0));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server };
        var scopeIds = Enumerable.Range(0, scopes).Select(s => SeedId(organization, "scope", s)).ToArray();
        var checkPath = $"/api/v1/organizations/{organization}/check";
        var failures = 0;

        async Task<(double[] Latencies, int Failed)> Checks(double duration)
        {
            var total = (int)(duration * checkRate);
            var latencies = new double[total];
            var failed = 0;
            var random = new Random(7);
            var tasks = new List<Task>(total);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / checkRate);
                if (due - clock.Elapsed > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                var (index, user, scope) = (i, SeedId(organization, "user", 1 + random.Next(members)), scopeIds[random.Next(scopeIds.Length)]);
                tasks.Add(Task.Run(async () =>
                {
                    using var response = await client.PostAsJsonAsync(checkPath, new { userId = user, permission = "members.view", scopeId = scope });
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                }));
            }
            await Task.WhenAll(tasks);
            return (latencies, failed);
        }

        // Each writer changes its own share of the members and remembers their versions (a change must name the
        // version it replaces), so writers never conflict with each other.
        var memberVersions = Enumerable.Range(0, writers).Select(_ => new Dictionary<int, int>()).ToArray();

        async Task<(int Grants, int Accepts, double[] Latencies)> Writes(double duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration * Stopwatch.Frequency);
            var (grants, accepts) = (0, 0);
            var latencies = new ConcurrentBag<double>();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var random = new Random(100 + w + (int)duration);
                var versions = memberVersions[w];
                for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
                {
                    var started = Stopwatch.GetTimestamp();
                    HttpResponseMessage response;
                    string? token = null;
                    var accepting = n % 5 == 4 && tokens.TryDequeue(out token);
                    if (accepting)
                    {
                        response = await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token });
                    }
                    else
                    {
                        var index = 2 + w + (writers * random.Next((members - 2 - w) / writers));
                        var member = SeedId(organization, "member", index);
                        object[] wanted = random.Next(3) == 0
                            ? [new { roleKey = "member", scopeId = (Guid?)scopeIds[random.Next(scopes)] }, new { roleKey = "viewer", scopeId = (Guid?)scopeIds[random.Next(scopes)] }]
                            : [new { roleKey = "member", scopeId = (Guid?)scopeIds[random.Next(scopes)] }];
                        response = await client.PutAsJsonAsync($"/api/v1/organizations/{organization}/members/{member}/access",
                            new { version = versions.GetValueOrDefault(index), grants = wanted, fullAccess = false });
                        if (response.IsSuccessStatusCode)
                        {
                            versions[index] = (await response.Content.ReadFromJsonAsync<VersionAnswer>())!.Version;
                        }
                    }
                    using (response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            if (Interlocked.Increment(ref failures) <= 3)
                            {
                                output.WriteLine($"write answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                            }
                            continue;
                        }
                    }
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (accepting)
                    {
                        Interlocked.Increment(ref accepts);
                    }
                    else
                    {
                        Interlocked.Increment(ref grants);
                    }
                }
            })));
            return (grants, accepts, [.. latencies]);
        }

        await Checks(3); // warm-up: the organization is compiled, connections opened
        await Writes(2);
        var idle = await Checks(seconds);
        output.WriteLine($"load average {Load()}");
        var loadedChecks = Checks(seconds);
        var written = await Writes(seconds);
        var loaded = await loadedChecks;
        output.WriteLine($"load average {Load()}");
        var idleAgain = await Checks(seconds);
        output.WriteLine($"load average {Load()}");
        output.WriteLine($"checks at {checkRate:F0}/s, latency from the scheduled start (ms): idle p50 {P(idle.Latencies, 0.5):F2} p99 {P(idle.Latencies, 0.99):F2}; "
            + $"under writes p50 {P(loaded.Latencies, 0.5):F2} p99 {P(loaded.Latencies, 0.99):F2}; idle again p50 {P(idleAgain.Latencies, 0.5):F2} p99 {P(idleAgain.Latencies, 0.99):F2}; "
            + $"failed {idle.Failed + loaded.Failed + idleAgain.Failed}");
        var idleP99 = Math.Max(P(idle.Latencies, 0.99), P(idleAgain.Latencies, 0.99));
        output.WriteLine($"p99 under writes / idle p99 (the larger of the two idle runs): {P(loaded.Latencies, 0.99) / idleP99:F2}");
        output.WriteLine($"writes: {(written.Grants + written.Accepts) / seconds:F1}/s ({written.Grants / seconds:F1} grants replaced, {written.Accepts / seconds:F1} invitations accepted) by {writers} writers; "
            + $"write latency p50 {P(written.Latencies, 0.5):F1} ms p99 {P(written.Latencies, 0.99):F1} ms; failed writes {failures}");
        return failures == 0 && idle.Failed + loaded.Failed + idleAgain.Failed == 0 ? 0 : 2;
    }

    private sealed record VersionAnswer(int Version);

    /// <summary>The id seed-members.sql gives: <c>md5(org || kind || i)::uuid</c>.</summary>
#pragma warning disable CA5351 // not security: the same derivation as the seed's SQL
    public static Guid SeedId(Guid organization, string kind, int i) =>
        Guid.ParseExact(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{organization}{kind}{i}"))), "N");
#pragma warning restore CA5351

    private static double P(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
