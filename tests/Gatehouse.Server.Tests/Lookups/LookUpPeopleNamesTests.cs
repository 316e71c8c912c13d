using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Lookups.LookupPages;

namespace Gatehouse.Server.Tests.Lookups;

/// <summary>
/// The people lookup answers names and emails from the engine, without a query: a person's new name shows in the next
/// lookup of every organization they belong to, on the node that made the change and, through PostgreSQL, on the others.
/// Each test has servers of its own, since one records every query a server makes.
/// </summary>
public sealed class LookUpPeopleNamesTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_ReadNoDatabase_AndARenameShowsInTheNextLookupOfEachOfTheirOrganizations(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store);
        var (north, south) = (await app.CreateOrganizationAsync("North"), await app.CreateOrganizationAsync("South"));
        var email = MembersApi.Email("ada");
        var inNorth = await app.SeedMemberAsync(north, email, [new GrantSpec("viewer", null)], firstName: "Ada", lastName: "Lovelace");
        var inSouth = await app.SeedMemberAsync(south, email, [new GrantSpec("viewer", null)], firstName: "Ada", lastName: "Lovelace");
        Assert.Equal(("Ada", "Lovelace"), await NameInLookupAsync(app, south, inSouth.MemberId));

        using (var commands = DatabaseCommands.Start(app.ConnectionString))
        {
            Assert.Equal(("Ada", "Lovelace"), await NameInLookupAsync(app, south, inSouth.MemberId));
            Assert.Empty(commands.Naming("users"));
            Assert.Empty(commands.Naming("members"));
        }

        // North's administrator edits her details; South's lookup shows them at once (her account is one).
        (await app.Operator.PutAsJsonAsync(MembersApi.Path(north, $"/{inNorth.MemberId}/details"), new { firstName = "Augusta", lastName = "King", phone = (string?)null }))
            .EnsureSuccessStatusCode();
        Assert.Equal(("Augusta", "King"), await NameInLookupAsync(app, south, inSouth.MemberId));
        Assert.Equal(("Augusta", "King"), await NameInLookupAsync(app, north, inNorth.MemberId));
    }

    [Fact]
    public async Task RenameOnOneNode_ShowsInTheOtherNodesLookup_ThroughPostgres()
    {
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var organization = await first.CreateOrganizationAsync("Shared");
        var ada = await first.SeedMemberAsync(organization, MembersApi.Email("ada"), [new GrantSpec("viewer", null)], firstName: "Ada", lastName: "Lovelace");
        Assert.Equal(("Ada", "Lovelace"), await NameInLookupAsync(second, organization, ada.MemberId)); // the second node now holds the organization

        (await first.Operator.PutAsJsonAsync(MembersApi.Path(organization, $"/{ada.MemberId}/details"), new { firstName = "Augusta", lastName = "King", phone = (string?)null }))
            .EnsureSuccessStatusCode();
        var name = await Eventually.ReadAsync(() => NameInLookupAsync(second, organization, ada.MemberId), n => n == ("Augusta", "King"));
        Assert.Equal(("Augusta", "King"), name);
    }

    private static async Task<(string First, string Last)> NameInLookupAsync(GatehouseApp app, Guid organizationId, Guid memberId)
    {
        var page = await (await app.Operator.GetAsync(Path(organizationId, "people", "permission=documents.view"))).ExpectAsync(HttpStatusCode.OK);
        var person = page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("memberId").GetGuid() == memberId);
        return (person.GetProperty("firstName").GetString()!, person.GetProperty("lastName").GetString()!);
    }
}
