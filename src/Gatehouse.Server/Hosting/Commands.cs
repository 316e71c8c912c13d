using Gatehouse.Application;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Data;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// The <c>gatehouse</c> command for operators, run as <c>dotnet run --project src/Gatehouse.Server -- COMMAND</c>
/// (or <c>dotnet gatehouse.dll COMMAND</c>) with the same configuration as the server.
/// </summary>
public static class Commands
{
    private static readonly string[] Names = ["migrate", "api-key", "help"];

    /// <summary>True when the first argument names a command rather than a server option.</summary>
    public static bool IsCommand(string first) => Names.Contains(first);

    /// <summary>Runs a command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var app = GatehouseHost.Build([.. args.Skip(1)]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDb>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<GatehouseOptions>>().Value;
        switch (args[0])
        {
            case "migrate":
                try
                {
                    var applied = await DatabaseMigrator.MigrateAsync(db);
                    Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied migrations: {string.Join(", ", applied)}.");
                    return 0;
                }
                catch (AppliedMigrationChangedException changed)
                {
                    Console.Error.WriteLine(changed.Message);
                    return 1;
                }
            case "api-key" when args.Length > 1 && args[1] == "create":
                await DatabaseMigrator.MigrateAsync(db);
                var email = Option(args, "--email");
                if (email is null)
                {
                    Console.Error.WriteLine("Usage: gatehouse api-key create --email USER_EMAIL [--name NAME]");
                    return 2;
                }
                var issued = await scope.ServiceProvider.GetRequiredService<IssueApiKeyForUserHandler>().HandleAsync(Actor.OperatorCli,
                    new Origin(null, null, options.PublicUrl?.TrimEnd('/') ?? GatehouseHost.DefaultUrl), new IssueApiKeyForUserCommand(email, Option(args, "--name")));
                if (!issued.Succeeded)
                {
                    Console.Error.WriteLine(issued.Failure.Sentence);
                    return 1;
                }
                Console.WriteLine($"API key {issued.Value.Id} for {email} (shown once):");
                Console.WriteLine(issued.Value.Key);
                return 0;
            default:
                Console.WriteLine("""
                    gatehouse COMMAND [options]   (same configuration as the server: appsettings.json, Gatehouse__* variables, --database, --connection-string)

                      migrate                                        apply pending database migrations
                      api-key create --email EMAIL [--name NAME]     create an API key for an existing user or service account; prints it once
                      help                                           this text
                    """);
                return args[0] == "help" ? 0 : 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
