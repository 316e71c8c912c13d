using System.CommandLine;
using System.Text.Json;
using Gatehouse.Application;
using Gatehouse.Data;
using Gatehouse.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Cli;

/// <summary>
/// What a CLI verb works with: the server's services built from the same configuration as the server (appsettings.json,
/// <c>Gatehouse__*</c> variables, and the options the verb did not know, such as <c>--database</c> and
/// <c>--connection-string</c>), the operator CLI actor, and one way to print an answer or a refusal.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private CliContext(WebApplication app, bool json)
    {
        _app = app;
        _scope = app.Services.CreateAsyncScope();
        Json = json;
        var options = Services.GetRequiredService<IOptions<GatehouseOptions>>().Value;
        // Links in emails the CLI queues (an invitation) point at the configured public URL, or the default address.
        Origin = new Origin(null, null, options.PublicUrl?.TrimEnd('/') ?? GatehouseHost.DefaultUrl);
    }

    /// <summary>The request-scoped services of one command.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>Where the CLI's changes come from: no client address, the public URL for links.</summary>
    public Origin Origin { get; }

    /// <summary>The operator CLI, as the audit log names it.</summary>
    public static Actor Actor => Actor.OperatorCli;

    /// <summary>True when the output is JSON for scripts.</summary>
    public bool Json { get; }

    /// <summary>Opens the services for a parsed command, migrating the database first.</summary>
    public static async Task<CliContext> OpenAsync(ParseResult parsed, Option<bool> json, bool migrate = true)
    {
        var context = new CliContext(GatehouseHost.Build([.. parsed.UnmatchedTokens]), parsed.GetValue(json));
        if (migrate)
        {
            await DatabaseMigrator.MigrateAsync(context.Services.GetRequiredService<GatehouseDb>());
        }
        return context;
    }

    /// <summary>Prints the value (as JSON, or through <paramref name="text"/>) and returns 0; or prints the refusal and returns 1.</summary>
    public int Answer<T>(Result<T> result, Func<T, string> text)
    {
        if (!result.Succeeded)
        {
            var failure = result.Failure;
            if (Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { code = failure.Code, detail = failure.Sentence, errors = failure.Fields }, JsonOutput));
            }
            else
            {
                Console.Error.WriteLine($"{failure.Sentence} ({failure.Code})");
            }
            return 1;
        }
        Console.WriteLine(Json ? JsonSerializer.Serialize(result.Value, JsonOutput) : text(result.Value));
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}
