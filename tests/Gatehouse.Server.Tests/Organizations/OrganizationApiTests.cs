using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Organizations;

public sealed class OrganizationApiTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Operator_CreatesOrganization_WithSeatLimit_AndSeesItsSeats(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Acme Repairs", seatLimit: 7);

        var seats = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/seats")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, seats.GetProperty("used").GetInt32());
        Assert.Equal(7, seats.GetProperty("limit").GetInt32());
        Assert.Equal("active_members", seats.GetProperty("counting").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Member_CannotCreateOrganizations(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var member = await app.SeedMemberAsync(organization, $"m{Guid.NewGuid():N}@example.com", fullAccess: true);

        var response = await member.Client.PostAsJsonAsync("/api/v1/organizations", new { name = "Mine" });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "platform_operator_required");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Organization_IsInvisibleToNonMembers(string store)
    {
        var app = await servers.GetAsync(store);
        var mine = await app.CreateOrganizationAsync("Mine");
        var theirs = await app.CreateOrganizationAsync("Theirs");
        var member = await app.SeedMemberAsync(mine, $"m{Guid.NewGuid():N}@example.com", fullAccess: true);

        await (await member.Client.GetAsync($"/api/v1/organizations/{theirs}")).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        await (await member.Client.GetAsync($"/api/v1/organizations/{theirs}/scopes")).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        var list = await (await member.Client.GetAsync("/api/v1/organizations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([mine], list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Scopes_Nest_Rename_Move_AndRefuseCycles(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var region = await app.CreateScopeAsync(organization, "North");
        var store1 = await app.CreateScopeAsync(organization, "Store 1", region);

        var cycle = await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organization}/scopes/{region}", new { parentId = store1 });
        await cycle.ExpectAsync(HttpStatusCode.Conflict);

        var renamed = await (await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organization}/scopes/{store1}", new { name = "Store One", moveToRoot = true }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Store One", renamed.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, renamed.GetProperty("parentId").ValueKind);

        var blocked = await app.Operator.DeleteAsync($"/api/v1/organizations/{organization}/scopes/{region}");
        await blocked.ExpectAsync(HttpStatusCode.NoContent);
        var scopes = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Store One"], scopes.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ScopeCreation_NeedsOrganizationManage_AtTheParent(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var member = await app.SeedMemberAsync(organization, $"m{Guid.NewGuid():N}@example.com", [new GrantSpec("viewer", null)]);

        var response = await member.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/scopes", new { name = "Nope" });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Equal(0, await app.InDatabaseAsync(db => Task.FromResult(db.Scopes.Count(s => s.OrganizationId == organization))));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeactivatedMember_ReadsNothingThere_AndIsToldWhy(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        await app.CreateScopeAsync(organization, "Berlin");
        var member = await app.SeedMemberAsync(organization, $"m{Guid.NewGuid():N}@example.com", [new GrantSpec("admin", null)]);
        await (await member.Client.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);

        (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/deactivate", null)).EnsureSuccessStatusCode();

        foreach (var path in new[] { "", "/scopes", "/seats", "/roles", "/members", "/invitations", "/audit-events", $"/check?userId={member.UserId}&permission=members.view" })
        {
            await (await member.Client.GetAsync($"/api/v1/organizations/{organization}{path}")).ExpectProblemAsync(HttpStatusCode.Forbidden, "actor_deactivated");
        }
    }
}
