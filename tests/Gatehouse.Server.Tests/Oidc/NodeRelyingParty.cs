using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// The openid-client relying party (rp/openid-client-rp.mjs) in a node process of its own: one JSON request per line on
/// its stdin, one answer per line on its stdout. Started once per test class, stopped (with its process tree) on dispose.
/// scripts/test.sh installs the npm packages and exports GATEHOUSE_TEST_OIDC_CLIENTS.
/// </summary>
public sealed class NodeRelyingParty : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _errors = [];

    private NodeRelyingParty(Process process) => _process = process;

    /// <summary>The node_modules folder holding openid-client, jose and oidc-client-ts, from GATEHOUSE_TEST_OIDC_CLIENTS.</summary>
    public static string Modules =>
        Environment.GetEnvironmentVariable("GATEHOUSE_TEST_OIDC_CLIENTS") is { Length: > 0 } folder && Directory.Exists(Path.Combine(folder, "openid-client"))
            ? folder
            : throw new InvalidOperationException(
                "GATEHOUSE_TEST_OIDC_CLIENTS does not name a node_modules folder with openid-client. Run the tests with scripts/test.sh, or "
                + "`source scripts/oidc-clients.sh` first: it installs openid-client, jose and oidc-client-ts from npm into .tools/ and exports the variable.");

    /// <summary>Starts node on the relying party script.</summary>
    public static NodeRelyingParty Start()
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Oidc", "rp", "openid-client-rp.mjs"));
        start.Environment["GATEHOUSE_TEST_OIDC_CLIENTS"] = Modules;
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var rp = new NodeRelyingParty(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (rp._errors)
                {
                    rp._errors.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return rp;
    }

    /// <summary>Sends <paramref name="op"/> with <paramref name="arguments"/>; returns the answer (its <c>ok</c> says whether it worked).</summary>
    public async Task<JsonElement> TryAsync(string op, object arguments)
    {
        var request = JsonSerializer.SerializeToNode(arguments)!.AsObject();
        request["op"] = op;
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString());
            await _process.StandardInput.FlushAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await _process.StandardOutput.ReadLineAsync(patience.Token);
            if (line is null)
            {
                lock (_errors)
                {
                    throw new InvalidOperationException($"The openid-client relying party exited: {string.Join('\n', _errors)}");
                }
            }
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Like <see cref="TryAsync"/>, failing the test when openid-client refused.</summary>
    public async Task<JsonElement> CallAsync(string op, object arguments)
    {
        var answer = await TryAsync(op, arguments);
        Assert.True(answer.GetProperty("ok").GetBoolean(), $"openid-client refused {op}: {answer}");
        return answer;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
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
        _gate.Dispose();
    }
}
