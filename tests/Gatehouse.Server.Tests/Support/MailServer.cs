using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Gatehouse.Server.Tests.Support;

/// <summary>An email as maildev received it.</summary>
/// <param name="To">The first recipient's address.</param>
/// <param name="MessageId">The Message-ID header.</param>
public sealed record ReceivedMail(string Id, string Subject, string To, string Text, string Html, string MessageId, JsonElement Raw);

/// <summary>
/// A real SMTP server for the tests: maildev@2.2.1 (npm), started on 127.0.0.1 on free ports (or a given SMTP port),
/// read back through its REST API (GET /email), and stopped with its whole process tree on dispose.
/// scripts/test.sh installs it and exports GATEHOUSE_TEST_MAILDEV (the maildev command).
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _web;
    private readonly List<string> _output = [];

    private MailServer(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int SmtpPort { get; }

    /// <summary>The web (REST API) port on 127.0.0.1.</summary>
    public int WebPort { get; }

    /// <summary>The maildev command from GATEHOUSE_TEST_MAILDEV.</summary>
    public static string Command =>
        Environment.GetEnvironmentVariable("GATEHOUSE_TEST_MAILDEV") is { Length: > 0 } command && File.Exists(command)
            ? command
            : throw new InvalidOperationException(
                "GATEHOUSE_TEST_MAILDEV does not name the maildev command. Run the tests with scripts/test.sh, or `source scripts/maildev.sh` first: it installs maildev@2.2.1 from npm into .tools/ and exports the variable.");

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts maildev (on <paramref name="smtpPort"/>, or a free port) and waits until both its ports answer.</summary>
    public static async Task<MailServer> StartAsync(int? smtpPort = null)
    {
        var smtp = smtpPort ?? FreePort();
        var web = FreePort();
        var start = new ProcessStartInfo(Command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        var server = new MailServer(process, smtp, web);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Every email received so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync()
    {
        using var document = JsonDocument.Parse(await _web.GetStringAsync("email"));
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    /// <summary>Polls the received emails until <paramref name="done"/> holds (or fails after a generous deadline).</summary>
    public Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<IReadOnlyList<ReceivedMail>, bool> done, string what) =>
        Poll.UntilAsync(MessagesAsync, done, what);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 50)
            {
                _output.RemoveAt(0);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"maildev exited with {_process.ExitCode}: {string.Join('\n', _output)}");
            }
            try
            {
                using var response = await _web.GetAsync("email");
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, SmtpPort);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"maildev did not answer on ports {SmtpPort}/{WebPort} within a minute: {string.Join('\n', _output)}");
            }
            await Task.Delay(100);
        }
    }

    private static ReceivedMail Read(JsonElement mail)
    {
        var headers = mail.TryGetProperty("headers", out var h) ? h : default;
        var messageId = headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty("message-id", out var id) ? id.GetString() ?? string.Empty
            : mail.TryGetProperty("messageId", out var mid) ? "<" + mid.GetString() + ">" : string.Empty;
        var to = mail.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0 ? t[0].GetProperty("address").GetString() ?? string.Empty : string.Empty;
        return new ReceivedMail(
            mail.GetProperty("id").GetString() ?? string.Empty,
            mail.TryGetProperty("subject", out var s) ? s.GetString() ?? string.Empty : string.Empty,
            to,
            mail.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty,
            mail.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString()! : string.Empty,
            messageId,
            mail.Clone());
    }
}

/// <summary>Waiting for something that happens in the background, with a generous deadline and no assertion on how long it took.</summary>
public static class Poll
{
    /// <summary>How long a test waits for background work before it fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Reads until <paramref name="done"/> holds; fails with <paramref name="what"/> and the last value after <see cref="Deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Waited {Deadline.TotalSeconds} s for {what}; last seen: {System.Text.Json.JsonSerializer.Serialize(value)}");
            }
            await Task.Delay(100);
        }
    }
}
