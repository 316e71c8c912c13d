using System.Diagnostics;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own (Debian's packages under /usr/lib/postgresql, as scripts/postgres.sh uses
/// them), on a free port of 127.0.0.1, for tests that stop, start or signal the server: never the one other tests share.
/// As root the server runs as the <c>postgres</c> account (initdb refuses root). Disposing stops it and deletes its files.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private OwnPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for the <c>postgres</c> database, as GATEHOUSE_TEST_POSTGRES names the shared server.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates a cluster in a temporary folder and starts it.</summary>
    public static async Task<OwnPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b.Length).ThenBy(b => b, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's programs are not under /usr/lib/postgresql/*/bin. Run the tests with scripts/test.sh, which installs them.");
        }
        var folder = Directory.CreateTempSubdirectory("gatehouse-own-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }
        var server = new OwnPostgres(bin, folder, MailServer.FreePort());
        await server.PostgresAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Starts the (stopped) server on the same port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => PostgresAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-o",
        $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);

    /// <summary>Stops the server (fast: open connections are cut) and waits until it is down.</summary>
    public Task StopAsync() => PostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);

    /// <summary>Sends a signal (e.g. STOP, CONT) to a process of this server, such as a backend found in pg_stat_activity.</summary>
    public static Task SignalAsync(int pid, string signal) => RunAsync("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await PostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private Task PostgresAsync(string program, IReadOnlyList<string> arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments]) : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
