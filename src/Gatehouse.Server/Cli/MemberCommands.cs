using System.CommandLine;
using Gatehouse.Application.Members;

namespace Gatehouse.Server.Cli;

/// <summary><c>gatehouse members list</c>: the same use case as GET /api/v1/organizations/{id}/members, as the operator CLI.</summary>
internal static class MemberCommands
{
    /// <summary>The <c>members</c> verb.</summary>
    public static Command Create(Option<bool> json) => new("members", "List the members of an organization.") { ListCommand(json) };

    private static Command ListCommand(Option<bool> json)
    {
        var organization = new Option<Guid>("--organization") { Description = "The organization's id.", Required = true };
        var search = new Option<string?>("--search") { Description = "Free text in the name or email." };
        var status = new Option<string?>("--status") { Description = "active or deactivated." };
        var limit = new Option<int?>("--limit") { Description = "The most members to print (a page of the API's list)." };
        var cursor = new Option<string?>("--cursor") { Description = "Where to go on: the next cursor a previous page printed." };
        var command = new Command("list", "List members by name, with their access.") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new Option[] { organization, search, status, limit, cursor })
        {
            command.Options.Add(option);
        }
        command.SetAction(async parsed =>
        {
            await using var cli = await CliContext.OpenAsync(parsed, json);
            var query = new ListMembersQuery(parsed.GetValue(organization), Status: parsed.GetValue(status), Search: parsed.GetValue(search),
                Cursor: parsed.GetValue(cursor), Limit: parsed.GetValue(limit));
            var result = await cli.Services.GetRequiredService<ListMembersHandler>().HandleAsync(CliContext.Actor, query);
            return cli.Answer(result, page => string.Join(Environment.NewLine,
                page.Items.Select(Line).DefaultIfEmpty("No members.").Concat(page.NextCursor is { } next ? [$"More: --cursor {next}"] : [])));
        });
        return command;
    }

    private static string Line(MemberDto m)
    {
        var access = m.FullAccess ? "full access"
            : string.Join(", ", m.Grants.Select(g => g.ScopeName is null ? $"{g.RoleName} (organization)" : $"{g.RoleName} in {g.ScopeName}"));
        return $"{m.MemberId}  {m.FirstName} {m.LastName} <{m.Email}>  {m.Status.ToString().ToLowerInvariant()}{(m.IsOwner ? ", owner" : string.Empty)}  {access}";
    }
}
