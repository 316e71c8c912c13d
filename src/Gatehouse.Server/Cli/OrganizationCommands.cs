using System.CommandLine;
using Gatehouse.Application.Organizations;

namespace Gatehouse.Server.Cli;

/// <summary><c>gatehouse organizations create|list</c>: the same use cases as POST and GET /api/v1/organizations, as the operator CLI.</summary>
internal static class OrganizationCommands
{
    /// <summary>The <c>organizations</c> verb.</summary>
    public static Command Create(Option<bool> json) =>
        new("organizations", "Create or list organizations.") { CreateCommand(json), ListCommand(json) };

    private static Command CreateCommand(Option<bool> json)
    {
        var name = new Option<string>("--name") { Description = "The organization's display name.", Required = true };
        var plan = new Option<string?>("--plan") { Description = "The service plan; 'standard' when left out." };
        var seats = new Option<int?>("--seat-limit") { Description = "Licensed seats; no limit when left out." };
        var command = new Command("create", "Create an organization.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(name);
        command.Options.Add(plan);
        command.Options.Add(seats);
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<CreateOrganizationHandler>()
                .HandleAsync(CliContext.Actor, cli.Origin, new CreateOrganizationCommand(parsed.GetValue(name), parsed.GetValue(plan), parsed.GetValue(seats)));
            return cli.Answer(result, created => $"Created organization {created.Id} ({created.Name}, plan {created.Plan}).");
        });
        return command;
    }

    private static Command ListCommand(Option<bool> json)
    {
        var limit = new Option<int?>("--limit") { Description = "The most organizations to print (a page of the API's list)." };
        var cursor = new Option<string?>("--cursor") { Description = "Where to go on: the next cursor a previous page printed." };
        var command = new Command("list", "List organizations by name.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(limit);
        command.Options.Add(cursor);
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<ListOrganizationsHandler>()
                .HandleAsync(CliContext.Actor, new ListOrganizationsQuery(parsed.GetValue(cursor), parsed.GetValue(limit)));
            return cli.Answer(result, page => string.Join(Environment.NewLine,
                page.Items.Select(o => $"{o.Id}  {o.Name}  (plan {o.Plan}{(o.SeatLimit is { } s ? $", {s} seats" : string.Empty)})")
                    .DefaultIfEmpty("No organizations.")
                    .Concat(page.NextCursor is { } next ? [$"More: --cursor {next}"] : [])));
        });
        return command;
    }
}
