using System.Diagnostics;

namespace Gatehouse.Server.Tests.Support;

/// <summary>Runs the built <c>gatehouse</c> command as a child process, as an operator would; stops it if it hangs.</summary>
internal static class GatehouseCommand
{
    /// <summary>The exit code, and what it wrote to standard output then standard error.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gatehouse.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: a command is a fresh process that starts .NET and opens the database, and a shared two-core machine
        // under a parallel test run took over two minutes for one (a hang still fails the test).
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
