using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Gatehouse.Benchmarks;

/// <summary>
/// An open-model load generator for the sign-in page: requests start on a fixed schedule (one every 1/rate
/// seconds) whether or not earlier ones have answered, and each latency is measured from the moment the request
/// was due, not from when it was sent, so a slow server cannot hide its queue (no coordinated omission).
/// Each line of the requests file is <c>Cookie header TAB form body</c> (the antiforgery cookie of one client
/// and a sign-in form for one user with that client's token); lines are used in turn.
/// </summary>
public static class OpenLoad
{
    /// <summary>Runs <paramref name="rate"/> sign-ins per second for <paramref name="warmup"/> + <paramref name="seconds"/> seconds and prints percentiles of the measured part.</summary>
    public static async Task<int> RunAsync(TextWriter output, Uri target, double rate, double seconds, double warmup, string requestsFile)
    {
        var lines = File.ReadAllLines(requestsFile).Where(l => l.Length > 0).Select(l => l.Split('\t', 2)).ToArray();
        if (lines.Length == 0 || lines.Any(l => l.Length != 2))
        {
            output.WriteLine($"{requestsFile}: expected lines of 'cookie TAB body'.");
            return 1;
        }
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var total = (int)Math.Round((warmup + seconds) * rate);
        var skip = (int)Math.Round(warmup * rate);
        var latencies = new double[total];
        var statuses = new int[total];
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            while (clock.Elapsed < due)
            {
                Thread.SpinWait(20);
            }
            var index = i;
            var line = lines[i % lines.Length];
            tasks.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target)
                {
                    Content = new StringContent(line[1], Encoding.ASCII, "application/x-www-form-urlencoded"),
                };
                request.Headers.TryAddWithoutValidation("Cookie", line[0]);
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    statuses[index] = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    statuses[index] = -1;
                }
                catch (TaskCanceledException)
                {
                    statuses[index] = -2;
                }
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            }));
        }
        var sendingEnded = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);

        var measured = Enumerable.Range(skip, total - skip).ToList();
        var ok = measured.Where(i => statuses[i] == (int)HttpStatusCode.Redirect).Select(i => latencies[i]).Order().ToArray();
        var failed = measured.Count(i => statuses[i] != (int)HttpStatusCode.Redirect);
        var byStatus = string.Join(", ", measured.GroupBy(i => statuses[i]).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine(FormattableString.Invariant(
            $"open load: {rate:F1}/s scheduled for {warmup:F0}+{seconds:F0} s (sent {total} in {sendingEnded:F1} s); measured {measured.Count} (statuses {byStatus})"));
        if (ok.Length == 0)
        {
            output.WriteLine("No sign-in succeeded (302).");
            return 1;
        }
        output.WriteLine(FormattableString.Invariant(
            $"latency of 302 sign-ins, from the scheduled start: p50 {Percentile(ok, 0.50):F1} ms, p95 {Percentile(ok, 0.95):F1} ms, p99 {Percentile(ok, 0.99):F1} ms, max {ok[^1]:F1} ms"));
        return failed == 0 ? 0 : 2;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Parses a number with the invariant culture.</summary>
    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
