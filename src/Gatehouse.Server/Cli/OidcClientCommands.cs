using System.CommandLine;
using Gatehouse.Application.OidcClients;

namespace Gatehouse.Server.Cli;

/// <summary><c>gatehouse oidc-clients create|list</c>: the same use cases as POST and GET /api/v1/platform/oidc-clients, as the operator CLI.</summary>
internal static class OidcClientCommands
{
    /// <summary>The <c>oidc-clients</c> verb.</summary>
    public static Command Create(Option<bool> json) =>
        new("oidc-clients", "Register or list the products that sign people in through Gatehouse (OpenID Connect clients).") { CreateCommand(json), ListCommand(json) };

    private static Command CreateCommand(Option<bool> json)
    {
        var name = new Option<string>("--name") { Description = "The product's name, shown when people sign in.", Required = true };
        var type = new Option<string>("--type") { Description = "'public' (browser or mobile app) or 'confidential' (a back end with a secret).", Required = true };
        var redirects = new Option<string[]>("--redirect-uri") { Description = "An exact redirect URI (repeat for several).", Required = true };
        var logouts = new Option<string[]>("--post-logout-redirect-uri") { Description = "An exact post-logout redirect URI (repeat for several)." };
        var par = new Option<bool>("--par-required") { Description = "The client must push its authorization requests (RFC 9126)." };
        var firstParty = new Option<bool>("--first-party") { Description = "The product's own app: no consent screen." };
        var organization = new Option<Guid?>("--organization") { Description = "A confidential client's organization for client credentials (its id)." };
        var origins = new Option<string[]>("--allowed-origin")
        {
            Description = "A browser origin (scheme://host[:port]) whose scripts may call the token, userinfo and revocation endpoints (repeat for several; "
                + "by default a public client's redirect URI origins, a confidential client's none; --allowed-origin none for none).",
        };
        var command = new Command("create", "Register a client; prints a confidential client's secret once.") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new Option[] { name, type, redirects, logouts, par, firstParty, organization, origins })
        {
            command.Options.Add(option);
        }
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<CreateOidcClientHandler>().HandleAsync(CliContext.Actor, cli.Origin,
                new CreateOidcClientCommand(parsed.GetValue(name), parsed.GetValue(type), parsed.GetValue(redirects), parsed.GetValue(logouts) ?? [],
                    parsed.GetValue(par), parsed.GetValue(firstParty), parsed.GetValue(organization), AllowedOrigins(parsed.GetValue(origins))));
            return cli.Answer(result, created => $"Registered client {created.Client.ClientId} ({created.Client.Name}, {created.Client.Type})."
                + (created.ClientSecret is { } secret ? $"{Environment.NewLine}Client secret (shown only now): {secret}" : string.Empty));
        });
        return command;
    }

    /// <summary>Null (the default) when the option is left out; none for <c>--allowed-origin none</c>.</summary>
    private static string[]? AllowedOrigins(string[]? given) =>
        given is not { Length: > 0 } ? null : given is ["none"] ? [] : given;

    private static Command ListCommand(Option<bool> json)
    {
        var command = new Command("list", "List the registered clients (never their secrets).") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var result = await cli.Services.GetRequiredService<ListOidcClientsHandler>().HandleAsync(CliContext.Actor);
            return cli.Answer(result, clients => string.Join(Environment.NewLine, clients
                .Select(c => $"{c.ClientId}  {c.Name}  ({c.Type}{(c.ParRequired ? ", PAR required" : string.Empty)}{(c.FirstParty ? ", first party" : string.Empty)})  {string.Join(' ', c.RedirectUris)}"
                    + (c.AllowedOrigins is { Count: > 0 } allowed ? $"  origins: {string.Join(' ', allowed)}" : string.Empty))
                .DefaultIfEmpty("No clients.")));
        });
        return command;
    }
}
