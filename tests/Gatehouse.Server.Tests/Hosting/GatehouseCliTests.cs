using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The operator command calls the same use cases as the API, as the operator CLI; refusals print the code and exit 1.</summary>
public sealed class GatehouseCliTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_WithJson_SendsTheInvitation_AuditedAsTheCommand(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = $"cli{Guid.NewGuid():N}@example.com";

        var (exit, output) = await GatehouseCommand.RunAsync("invite", "--organization", organization.ToString(), "--email", email, "--role", "viewer",
            "--json", "--database", store, "--connection-string", app.ConnectionString);

        Assert.True(exit == 0, output);
        var sent = JsonDocument.Parse(output).RootElement;
        Assert.Equal(email, sent[0].GetProperty("email").GetString());
        var pending = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("email").GetString() == email);
        var audited = await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "invitation.sent"
            && a.ActorName == "gatehouse command" && a.ActorUserId == null));
        Assert.Equal(1, audited);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_IntoAnUnknownOrganization_PrintsTheCode_AndExitsOne_ChangingNothing(string store)
    {
        var app = await servers.GetAsync(store);
        var unknown = Guid.NewGuid();

        var (exit, output) = await GatehouseCommand.RunAsync("invite", "--organization", unknown.ToString(), "--email", "a@example.com", "--role", "viewer",
            "--database", store, "--connection-string", app.ConnectionString);
        var (jsonExit, json) = await GatehouseCommand.RunAsync("invite", "--organization", unknown.ToString(), "--email", "a@example.com", "--role", "viewer",
            "--json", "--database", store, "--connection-string", app.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("(organization_not_found)", output, StringComparison.Ordinal);
        Assert.Equal(1, jsonExit);
        Assert.Equal("organization_not_found", JsonDocument.Parse(json).RootElement.GetProperty("code").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == unknown)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_IntoAWorkspace_NeedsTheNames_WhichTheInvitationCarries(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var organization = await app.CreateOrganizationAsync();
        var email = $"cli{Guid.NewGuid():N}@example.com";
        string[] invite = ["invite", "--organization", organization.ToString(), "--email", email, "--role", "workspace_admin", "--json", "--preset", "workspaces", "--database", store, "--connection-string", app.ConnectionString];

        var (refusedExit, refused) = await GatehouseCommand.RunAsync(invite);
        var (exit, output) = await GatehouseCommand.RunAsync([.. invite, "--first-name", "Wanda", "--last-name", "Admin"]);

        Assert.Equal(1, refusedExit);
        Assert.Equal("invitee_name_required", JsonDocument.Parse(refused).RootElement.GetProperty("code").GetString());
        Assert.True(exit == 0, output);
        var invitation = await app.InDatabaseAsync(db => db.Invitations.SingleAsync(i => i.OrganizationId == organization));
        Assert.Equal((email, "Wanda", "Admin"), (invitation.Email, invitation.FirstName, invitation.LastName));
    }

    [Fact]
    public async Task A_MissingRequiredOption_IsAUsageError_ExitTwo_NamingIt()
    {
        var (exit, output) = await GatehouseCommand.RunAsync("invite", "--email", "a@example.com");

        Assert.Equal(2, exit);
        Assert.Contains("--organization", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryVerb_AndExitsZero()
    {
        var (exit, output) = await GatehouseCommand.RunAsync("help");

        Assert.Equal(0, exit);
        Assert.All(new[] { "migrate", "api-key", "invite" }, verb => Assert.Contains(verb, output, StringComparison.Ordinal));
    }
}
