using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The operator command's organizations and accounts verbs: the same use cases as the API, audited as the command.</summary>
public sealed class GatehouseCliPlatformTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrganizationsCreate_WithJson_CreatesIt_AuditedAsTheCommand_AndListShowsIt(string store)
    {
        var app = await servers.GetAsync(store);
        var name = $"Cli Org {Guid.NewGuid():N}";

        var (exit, output) = await GatehouseCommand.RunAsync("organizations", "create", "--name", name, "--seat-limit", "7",
            "--json", "--database", store, "--connection-string", app.ConnectionString);

        Assert.True(exit == 0, output);
        var created = JsonDocument.Parse(output).RootElement;
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal((name, 7), (created.GetProperty("name").GetString(), created.GetProperty("seatLimit").GetInt32()));
        var stored = await (await app.Operator.GetAsync($"/api/v1/organizations/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, stored.GetProperty("name").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == id && a.Action == "organization.created"
            && a.ActorName == "gatehouse command" && a.ActorUserId == null)));

        var (listExit, list) = await GatehouseCommand.RunAsync("organizations", "list", "--limit", "100",
            "--database", store, "--connection-string", app.ConnectionString);
        Assert.True(listExit == 0, list);
        Assert.Contains($"{id}  {name}", list, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrganizationsCreate_WithoutAUsableName_PrintsTheCode_AndExitsOne(string store)
    {
        var app = await servers.GetAsync(store);

        var (exit, output) = await GatehouseCommand.RunAsync("organizations", "create", "--name", "   ",
            "--database", store, "--connection-string", app.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("(validation_failed)", output, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AccountsErase_WithoutYes_ChangesNothing_ThenWithYes_ErasesIt_AuditedAsTheCommand(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = $"erase{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organization, email);
        string[] database = ["--database", store, "--connection-string", app.ConnectionString];

        var (refusedExit, refused) = await GatehouseCommand.RunAsync(["accounts", "erase", "--email", email, .. database]);
        Assert.Equal(1, refusedExit);
        Assert.Contains("--yes", refused, StringComparison.Ordinal);
        Assert.Contains("(confirmation_required)", refused, StringComparison.Ordinal);
        Assert.Null(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.ErasedAt).SingleAsync()));

        var (exit, output) = await GatehouseCommand.RunAsync(["accounts", "erase", "--email", email, "--yes", "--json", .. database]);

        Assert.True(exit == 0, output);
        Assert.NotNull(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.ErasedAt).SingleAsync()));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == member.UserId)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == null && a.Action == "user.erased"
            && a.TargetId == member.UserId.ToString() && a.ActorName == "gatehouse command" && a.ActorUserId == null)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AccountsErase_OfAnUnknownEmail_PrintsUserNotFound_AndExitsOne(string store)
    {
        var app = await servers.GetAsync(store);

        var (exit, output) = await GatehouseCommand.RunAsync("accounts", "erase", "--email", $"nobody{Guid.NewGuid():N}@example.com", "--yes", "--json",
            "--database", store, "--connection-string", app.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Equal("user_not_found", JsonDocument.Parse(output).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AccountsErase_WithoutEmail_IsAUsageError_ExitTwo()
    {
        var (exit, output) = await GatehouseCommand.RunAsync("accounts", "erase", "--yes");

        Assert.Equal(2, exit);
        Assert.Contains("--email", output, StringComparison.Ordinal);
    }
}
