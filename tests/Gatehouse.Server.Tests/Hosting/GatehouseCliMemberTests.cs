using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The operator command's <c>members list</c>: the API's member list, as the command sees it (every member, as product support).</summary>
public sealed class GatehouseCliMemberTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MembersList_PrintsEveryMemberWithTheirAccess_AndFiltersBySearch_AsJsonToo(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Cli Members");
        var depot = await app.CreateScopeAsync(organization, "Depot");
        var ada = await app.SeedMemberAsync(organization, $"ada{Guid.NewGuid():N}@example.com", [new GrantSpec("admin", null)], firstName: "Ada", lastName: "Lovelace");
        var bob = await app.SeedMemberAsync(organization, $"bob{Guid.NewGuid():N}@example.com", [new GrantSpec("member", depot)], firstName: "Bob", lastName: "Builder");
        string[] database = ["--database", store, "--connection-string", app.ConnectionString];

        var (exit, output) = await GatehouseCommand.RunAsync(["members", "list", "--organization", organization.ToString(), .. database]);
        var (searchExit, searched) = await GatehouseCommand.RunAsync(["members", "list", "--organization", organization.ToString(), "--search", "Builder", "--json", .. database]);

        Assert.True(exit == 0, output);
        Assert.Contains($"{ada.MemberId}  Ada Lovelace", output, StringComparison.Ordinal);
        Assert.Contains($"{bob.MemberId}  Bob Builder", output, StringComparison.Ordinal);
        Assert.Contains("in Depot", output, StringComparison.Ordinal);
        Assert.True(searchExit == 0, searched);
        Assert.True(searched.TrimStart().StartsWith('{'), searched);
        var items = JsonDocument.Parse(searched).RootElement.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("memberId").GetGuid()).ToList();
        Assert.Equal([bob.MemberId], items);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MembersList_OfAnUnknownOrganization_PrintsTheCode_AndExitsOne(string store)
    {
        var app = await servers.GetAsync(store);

        var (exit, output) = await GatehouseCommand.RunAsync("members", "list", "--organization", Guid.NewGuid().ToString(),
            "--database", store, "--connection-string", app.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("(organization_not_found)", output, StringComparison.Ordinal);
    }
}
