using System.CommandLine;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Grants;
using Gatehouse.Application.Invitations;
using Gatehouse.Data;
using Gatehouse.Server.Hosting;

namespace Gatehouse.Server.Cli;

/// <summary>
/// The <c>gatehouse</c> command for operators (<c>dotnet run --project src/Gatehouse.Server -- COMMAND</c>, or
/// <c>dotnet gatehouse.dll COMMAND</c>), on System.CommandLine. Each verb calls the same use case as the API, as the
/// operator CLI actor: refusals print the sentence and the stable code and exit 1; usage errors exit 2.
/// </summary>
public static class GatehouseCli
{
    private static readonly string[] Verbs = ["migrate", "api-key", "invite", "organizations", "members", "accounts", "keys", "oidc-clients", "help", "--help", "-h"];

    /// <summary>True when the first argument names a verb rather than a server option.</summary>
    public static bool IsCommand(string first) => Verbs.Contains(first);

    /// <summary>Runs a command; returns the process exit code (2 for a command line that does not parse).</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var parsed = Root().Parse(args[0] == "help" ? [.. args.Skip(1), "--help"] : args);
        if (parsed.Errors.Count == 0)
        {
            return parsed.InvokeAsync();
        }
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine(error.Message);
        }
        Console.Error.WriteLine("Run 'gatehouse help' for the verbs and their options.");
        return Task.FromResult(2);
    }

    private static RootCommand Root()
    {
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON, for scripts.", Recursive = true };
        var root = new RootCommand("Gatehouse's operator commands. They read the same configuration as the server: appsettings.json, "
            + "Gatehouse__* variables, and --database / --connection-string.") { TreatUnmatchedTokensAsErrors = false };
        root.Options.Add(json);
        root.Subcommands.Add(Migrate(json));
        root.Subcommands.Add(ApiKey(json));
        root.Subcommands.Add(Invite(json));
        root.Subcommands.Add(OrganizationCommands.Create(json));
        root.Subcommands.Add(MemberCommands.Create(json));
        root.Subcommands.Add(AccountCommands.Create(json));
        root.Subcommands.Add(KeyCommands.Create(json));
        root.Subcommands.Add(OidcClientCommands.Create(json));
        return root;
    }

    private static Command Migrate(Option<bool> json)
    {
        var command = new Command("migrate", "Apply pending database migrations.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json, migrate: false);
            try
            {
                var applied = await DatabaseMigrator.MigrateAsync(cli.Services.GetRequiredService<GatehouseDb>());
                Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied migrations: {string.Join(", ", applied)}.");
                return 0;
            }
            catch (AppliedMigrationChangedException changed)
            {
                Console.Error.WriteLine(changed.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command ApiKey(Option<bool> json)
    {
        var email = new Option<string>("--email") { Description = "The email of an existing user or service account.", Required = true };
        var name = new Option<string?>("--name") { Description = "What the key is for." };
        var create = new Command("create", "Create an API key for an existing user or service account; prints it once.") { TreatUnmatchedTokensAsErrors = false };
        create.Options.Add(email);
        create.Options.Add(name);
        create.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<IssueApiKeyForUserHandler>()
                .HandleAsync(CliContext.Actor, cli.Origin, new IssueApiKeyForUserCommand(parsed.GetValue(email)!, parsed.GetValue(name)));
            return cli.Answer(result, key => $"API key {key.Id} for {parsed.GetValue(email)} (shown once):{Environment.NewLine}{key.Key}");
        });

        var id = new Option<Guid>("--id") { Description = "The key's id.", Required = true };
        var revoke = new Command("revoke", "Revoke an API key at once.") { TreatUnmatchedTokensAsErrors = false };
        revoke.Options.Add(id);
        revoke.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<RevokeApiKeyHandler>()
                .HandleAsync(CliContext.Actor, cli.Origin, new RevokeApiKeyCommand(parsed.GetValue(id)));
            return cli.Answer(result, _ => $"API key {parsed.GetValue(id)} is revoked.");
        });

        return new Command("api-key", "Create or revoke API keys.") { create, revoke };
    }

    private static Command Invite(Option<bool> json)
    {
        var organization = new Option<Guid>("--organization") { Description = "The organization's id.", Required = true };
        var emails = new Option<string[]>("--email") { Description = "An email to invite (repeat for several).", Required = true };
        var role = new Option<string>("--role") { Description = "The role key to offer.", Required = true };
        var scope = new Option<Guid?>("--scope") { Description = "The scope to offer it at; the whole organization when left out." };
        var owner = new Option<bool>("--owner") { Description = "Each becomes an owner on accepting (the first administrator of a new organization)." };
        var firstName = new Option<string?>("--first-name") { Description = "The person's first name (with one --email; required where the access model's inviteeNameRequired is on)." };
        var lastName = new Option<string?>("--last-name") { Description = "The person's last name (with one --email; required where the access model's inviteeNameRequired is on)." };
        var command = new Command("invite", "Invite people by email, as product support; each gets an email with a one-time link.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(organization);
        command.Options.Add(emails);
        command.Options.Add(role);
        command.Options.Add(scope);
        command.Options.Add(owner);
        command.Options.Add(firstName);
        command.Options.Add(lastName);
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var grants = new List<GrantRequest> { new(parsed.GetValue(role)!, parsed.GetValue(scope)) };
            var (first, last) = (parsed.GetValue(firstName), parsed.GetValue(lastName));
            // Names go with each person ('invitees'); several emails with one name would be a mistake the handler names.
            var request = first is null && last is null
                ? new CreateInvitationsRequest(parsed.GetValue(emails), null, grants, false, null, parsed.GetValue(owner))
                : new CreateInvitationsRequest(null, [.. parsed.GetValue(emails)!.Select(e => new InviteeRequest(e, first, last, null))], grants, false, null,
                    parsed.GetValue(owner));
            var result = await cli.Services.GetRequiredService<SendInvitationsHandler>()
                .HandleAsync(CliContext.Actor, cli.Origin, parsed.GetValue(organization), request);
            return cli.Answer(result, sent => string.Join(Environment.NewLine, sent.Select(i => $"Invited {i.Email} (invitation {i.Id}, expires {i.ExpiresAt:u}).")));
        });
        return command;
    }
}
