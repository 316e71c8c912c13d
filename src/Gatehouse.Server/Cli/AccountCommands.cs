using System.CommandLine;
using Gatehouse.Application;
using Gatehouse.Application.Platform;

namespace Gatehouse.Server.Cli;

/// <summary><c>gatehouse accounts erase</c>: the same use cases as GET /api/v1/platform/users and DELETE /api/v1/platform/users/{id}, as the operator CLI.</summary>
internal static class AccountCommands
{
    /// <summary>The code when the confirmation flag is missing.</summary>
    public const string ConfirmationRequired = "confirmation_required";

    /// <summary>The <c>accounts</c> verb.</summary>
    public static Command Create(Option<bool> json) => new("accounts", "Erase accounts (GDPR).") { Erase(json) };

    private static Command Erase(Option<bool> json)
    {
        var email = new Option<string>("--email") { Description = "The email of the account to erase.", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Confirm: erasing cannot be undone." };
        var command = new Command("erase", "Erase an account for good: its memberships, access and API keys go, and its email, names and phone "
            + "are replaced by a pseudonym everywhere, including the audit log.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(email);
        command.Options.Add(yes);
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var address = parsed.GetValue(email)!;
            var found = await cli.Services.GetRequiredService<FindAccountHandler>().HandleAsync(CliContext.Actor, new FindAccountQuery(address));
            if (!found.Succeeded)
            {
                return cli.Answer(found, _ => string.Empty);
            }
            var erased = found.Value.FirstOrDefault() switch
            {
                null => Result<bool>.Fail(Failure.NotFound(PlatformCodes.UserNotFound, $"There is no account with the email {address}.")),
                _ when !parsed.GetValue(yes) => Result<bool>.Fail(Failure.Invalid("yes", ConfirmationRequired,
                    $"Erasing {address} cannot be undone. Run the command again with --yes to erase it.")),
                var user => await cli.Services.GetRequiredService<EraseAccountHandler>().HandleAsync(CliContext.Actor, cli.Origin, new EraseAccountCommand(user.Id)),
            };
            return cli.Answer(erased, _ => $"The account {address} is erased: its memberships, access and API keys are gone, and a pseudonym replaces its email and names.");
        });
        return command;
    }
}
