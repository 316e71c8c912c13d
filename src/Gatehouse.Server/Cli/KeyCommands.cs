using System.CommandLine;
using System.Text.Json;
using Gatehouse.Application;
using Gatehouse.Server.Oidc;

namespace Gatehouse.Server.Cli;

/// <summary><c>gatehouse keys rotate</c>: replaces the OpenID Connect provider's signing and encryption keys at once.</summary>
internal static class KeyCommands
{
    /// <summary>The <c>keys</c> verb.</summary>
    public static Command Create(Option<bool> json) => new("keys", "The OpenID Connect provider's keys.") { Rotate(json) };

    private static Command Rotate(Option<bool> json)
    {
        var command = new Command("rotate", "Make new signing and encryption keys now; the old ones stay published until the tokens they made expire. "
            + "Every node picks the new keys up within Gatehouse:Oidc:KeyCheckInterval.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var made = await cli.Services.GetRequiredService<OidcKeyRing>().RotateAsync(Actor.OperatorCli, null, CancellationToken.None);
            Console.WriteLine(cli.Json
                ? JsonSerializer.Serialize(new { keyIds = made.Select(id => id.ToString("N")) })
                : $"New keys: {string.Join(", ", made.Select(id => id.ToString("N")))}. The previous keys stay published until their tokens expire.");
            return 0;
        });
        return command;
    }
}
