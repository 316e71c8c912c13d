using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// A third-party linter reads the served API description: Redocly's CLI (@redocly/cli from npm, which
/// scripts/test.sh installs and names in GATEHOUSE_TEST_REDOCLY) with its recommended rules and the repository's
/// redocly.yaml. No errors and no warnings are accepted.
/// </summary>
public sealed class ApiDescriptionLintTests(ServerPool servers)
{
    [Fact]
    public async Task Redocly_finds_no_error_and_no_warning_in_the_served_document()
    {
        var app = await servers.GetAsync("sqlite");
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var folder = Directory.CreateTempSubdirectory("gatehouse-openapi-");
        try
        {
            var document = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());

            var (exitCode, output, errors) = await LintAsync(document);

            using var report = JsonDocument.Parse(output);
            var problems = report.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at "
                    + p.GetProperty("location")[0].GetProperty("pointer").GetString())
                .ToList();
            Assert.True(problems.Count == 0, "Redocly reports:\n" + string.Join('\n', problems));
            Assert.True(exitCode == 0, $"Redocly exited {exitCode}: {errors}");
            var totals = report.RootElement.GetProperty("totals");
            Assert.Equal(0, totals.GetProperty("errors").GetInt32());
            Assert.Equal(0, totals.GetProperty("warnings").GetInt32());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> LintAsync(string document)
    {
        var command = Environment.GetEnvironmentVariable("GATEHOUSE_TEST_REDOCLY") is { Length: > 0 } named && File.Exists(named)
            ? named
            : throw new InvalidOperationException(
                "GATEHOUSE_TEST_REDOCLY does not name the redocly command. Run the tests with scripts/test.sh, or `source scripts/redocly.sh` first: it installs @redocly/cli from npm into .tools/ and exports the variable.");
        var start = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var argument in new[] { "lint", document, "--config", Path.Combine(RepositoryRoot(), "redocly.yaml"), "--format", "json" })
        {
            start.ArgumentList.Add(argument);
        }
        // No telemetry or update check: the test machine reaches only package registries.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gatehouse.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Gatehouse.slnx) is not above the test's folder.");
    }
}
