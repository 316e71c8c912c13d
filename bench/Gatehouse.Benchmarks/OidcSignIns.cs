using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gatehouse.Benchmarks;

/// <summary>A person of the benchmark and a registered client: who signs in, and for which product.</summary>
/// <param name="Server">Gatehouse's public URL.</param>
/// <param name="People">Lines of <c>email TAB password</c>, used in turn.</param>
/// <param name="ClientId">A confidential, first-party client.</param>
/// <param name="Secret">Its secret (posted in the form body, as ASP.NET Core's handler does).</param>
/// <param name="RedirectUri">One of its redirect URIs; nothing needs to listen there.</param>
public sealed record OidcBenchClient(Uri Server, string[][] People, string ClientId, string Secret, string RedirectUri);

/// <summary>
/// Full OpenID Connect sign-ins as a browser and a product's back end do them, for <c>bench/load/oidc.sh</c>: the
/// authorization request, Gatehouse's sign-in page (GET for the antiforgery token, POST of the password), the
/// authorization request again with the new session (the code, no picker or consent: one organization, a
/// first-party client), and the code redeemed at the token endpoint with PKCE. Each sign-in starts with no cookie,
/// so every one verifies a password.
/// </summary>
public static partial class OidcSignIns
{
    /// <summary>
    /// Runs <paramref name="workers"/> sign-ins at a time for <paramref name="seconds"/> and prints how many completed per second.
    /// With <paramref name="warmUpSeconds"/>, the same runs that long first, uncounted: this process's own start and JIT (about a
    /// second of CPU, on the cores the server uses) then fall outside the measured window. With <paramref name="serverPid"/>, it also
    /// prints the CPU the server and this process spent in that window, per sign-in.
    /// </summary>
    public static async Task<int> RunAsync(TextWriter output, OidcBenchClient bench, double seconds, int workers, double warmUpSeconds = 0, int? serverPid = null)
    {
        if (warmUpSeconds > 0)
        {
            await RunAsync(TextWriter.Null, bench, warmUpSeconds, workers);
        }
        var serverBefore = serverPid is { } pid ? ProcessCpu.Of(pid) : TimeSpan.Zero;
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var completed = 0L;
        var failures = 0L;
        string? firstFailure = null;
        var deadline = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (deadline.Elapsed < until)
            {
                var person = bench.People[(int)((uint)Interlocked.Increment(ref next) % bench.People.Length)];
                try
                {
                    await SignInAsync(bench, person[0], person[1]);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
        })));
        var elapsed = deadline.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"oidc sign-ins: {completed} in {elapsed:F1} s = {completed / elapsed:F1}/s; failures: {failures}"));
        if (serverPid is { } server && completed > 0)
        {
            var serverMs = (ProcessCpu.Of(server) - serverBefore).TotalMilliseconds / completed;
            var ownMs = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalMilliseconds / completed;
            output.WriteLine(FormattableString.Invariant($"oidc sign-ins CPU: server {serverMs:F2} ms, load generator {ownMs:F2} ms per sign-in"));
        }
        if (firstFailure is not null)
        {
            output.WriteLine("first failure: " + firstFailure);
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Signs <paramref name="count"/> sign-ins in (people in turn) and prints each one's refresh token on a line: the start of the refresh chains.</summary>
    public static async Task<int> RefreshTokensAsync(TextWriter output, OidcBenchClient bench, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var person = bench.People[i % bench.People.Length];
            var tokens = await SignInAsync(bench, person[0], person[1]);
            output.WriteLine(tokens.GetProperty("refresh_token").GetString());
        }
        return 0;
    }

    /// <summary>The people file: <c>email TAB password</c> per line.</summary>
    public static string[][] People(string file) =>
        [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split('\t', 2))];

    /// <summary>
    /// The code's redemption alone (issue 16's breakdown of a sign-in): signs <paramref name="count"/> people in up to their codes,
    /// <paramref name="workers"/> at a time, then redeems the codes as a product's back end does, <paramref name="workers"/> at a
    /// time over one client's kept-alive connections, and prints the redemptions per second and, with <paramref name="serverPid"/>,
    /// the server's CPU and this process's per redemption over the redemptions only. Codes live 5 minutes: collecting them at the
    /// hash-bound rate must take less.
    /// </summary>
    public static async Task<int> RedemptionsAsync(TextWriter output, OidcBenchClient bench, int count, int workers, int? serverPid = null)
    {
        var codes = new System.Collections.Concurrent.ConcurrentQueue<(string Code, string Verifier)>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var person = bench.People[i % bench.People.Length];
                using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
                using var browser = new HttpClient(handler) { BaseAddress = bench.Server, Timeout = TimeSpan.FromSeconds(60) };
                codes.Enqueue(await CodeAsync(browser, bench, person[0], person[1]));
            }
        })));
        using var backEnd = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = bench.Server, Timeout = TimeSpan.FromSeconds(60) };
        var serverBefore = serverPid is { } pid ? ProcessCpu.Of(pid) : TimeSpan.Zero;
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (codes.TryDequeue(out var code))
            {
                await RedeemAsync(backEnd, bench, code.Code, code.Verifier);
            }
        })));
        var seconds = elapsed.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"oidc code redemptions: {count} in {seconds:F2} s = {count / seconds:F1}/s"));
        if (serverPid is { } server)
        {
            var serverMs = (ProcessCpu.Of(server) - serverBefore).TotalMilliseconds / count;
            var ownMs = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalMilliseconds / count;
            output.WriteLine(FormattableString.Invariant($"oidc code redemptions CPU: server {serverMs:F2} ms, load generator {ownMs:F2} ms per redemption"));
        }
        return 0;
    }

    /// <summary>One whole sign-in on one connection, as a browser and then the product's back end make it; the token endpoint's answer.</summary>
    private static async Task<JsonElement> SignInAsync(OidcBenchClient bench, string email, string password)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = bench.Server, Timeout = TimeSpan.FromSeconds(60) };
        var (code, verifier) = await CodeAsync(http, bench, email, password);
        return await RedeemAsync(http, bench, code, verifier);
    }

    /// <summary>A sign-in up to its code: the authorization request, the sign-in page and its post, the authorization request again.</summary>
    private static async Task<(string Code, string Verifier)> CodeAsync(HttpClient http, OidcBenchClient bench, string email, string password)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = bench.ClientId, ["redirect_uri"] = bench.RedirectUri, ["response_type"] = "code", ["scope"] = "openid profile offline_access",
            ["state"] = Base64Url(RandomNumberGenerator.GetBytes(8)), ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(8)),
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

        var signInPage = await RedirectAsync(http, authorize, "the sign-in page");
        var page = await http.GetStringAsync(signInPage);
        var antiforgery = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = antiforgery,
        });
        using var signedIn = await http.PostAsync(signInPage, form);
        var back = signedIn.StatusCode == HttpStatusCode.Found && signedIn.Headers.Location is { } location ? location.OriginalString
            : throw new InvalidOperationException($"The sign-in answered {(int)signedIn.StatusCode}, not a redirect.");
        var callback = await RedirectAsync(http, back, "the redirect URI");
        if (!callback.StartsWith(bench.RedirectUri, StringComparison.Ordinal) || !callback.Contains("code=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The authorization answered with no code: " + callback);
        }
        return (Uri.UnescapeDataString(CodeParameter().Match(callback).Groups[1].Value), verifier);
    }

    /// <summary>The code redeemed at the token endpoint with its PKCE verifier and the client's secret in the form body.</summary>
    private static async Task<JsonElement> RedeemAsync(HttpClient http, OidcBenchClient bench, string code, string verifier)
    {
        using var redeem = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["redirect_uri"] = bench.RedirectUri,
            ["client_id"] = bench.ClientId, ["client_secret"] = bench.Secret,
        });
        using var tokens = await http.PostAsync("/connect/token", redeem);
        var body = await tokens.Content.ReadAsStringAsync();
        return tokens.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"The token endpoint answered {(int)tokens.StatusCode}: {body}");
    }

    /// <summary>GETs <paramref name="url"/> and returns where it redirects to.</summary>
    private static async Task<string> RedirectAsync(HttpClient http, string url, string what)
    {
        using var answer = await http.GetAsync(url);
        return answer.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther && answer.Headers.Location is { } location
            ? location.OriginalString
            : throw new InvalidOperationException($"Expected a redirect to {what} from {url}, got {(int)answer.StatusCode}.");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("[?&]code=([^&#]*)")]
    private static partial Regex CodeParameter();

    /// <summary>Reads the shared arguments: server, people file, client id, secret, redirect URI.</summary>
    public static OidcBenchClient Client(string server, string people, string clientId, string secret, string redirect) =>
        new(new Uri(server), People(people), clientId, secret, redirect);

    /// <summary>A count argument.</summary>
    public static int Count(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}

/// <summary>Another process's CPU time, from <c>/proc/PID/stat</c> (Linux).</summary>
internal static class ProcessCpu
{
    /// <summary>User plus system time of process <paramref name="pid"/> so far.</summary>
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; fields 14 and 15 (utime, stime) count from after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)TicksPerSecond);
    }

    // sysconf(_SC_CLK_TCK): 100 on every Linux this runs on.
    private const int TicksPerSecond = 100;
}
