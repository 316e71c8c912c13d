using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Organizations;

/// <summary>
/// Issue 11, items 2 and 3: moving or deleting a scope changes other people's access, so it is allowed only when the
/// caller could make each change directly, and never widens the caller's own. Kim keeps the organization's
/// structure: a custom role holding only 'organization.manage', organization-wide.
/// </summary>
public sealed class ScopeAccessTests(ServerPool servers)
{
    private sealed record World(GatehouseApp App, Guid Org, SeededMember Admin, string KeeperKey)
    {
        public string Scopes => $"/api/v1/organizations/{Org}/scopes";
    }

    private static async Task<World> WorldAsync(GatehouseApp app, string name)
    {
        var org = await app.CreateOrganizationAsync(name);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec("admin", null)]);
        var keeper = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{org}/roles", new { name = "Keeper", permissions = new[] { "organization.manage" } }))
            .ExpectAsync(HttpStatusCode.Created);
        return new World(app, org, admin, keeper.GetProperty("key").GetString()!);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_AProjectWhereAnAdminHoldsMoreThanTheCaller_IsRefused_AndTheAdminKeepsTheirGrant(string store)
    {
        var app = await servers.GetAsync(store);
        var w = await WorldAsync(app, "Deleting");
        var project = await app.CreateScopeAsync(w.Org, "Lighthouse");
        var kim = await app.SeedMemberAsync(w.Org, MembersApi.Email("kim"), [new GrantSpec(w.KeeperKey, null)]);
        var alice = await app.SeedMemberAsync(w.Org, MembersApi.Email("alice"), [new GrantSpec("admin", project)], firstName: "Alice", lastName: "Admiral");

        // Kim cannot take Alice's role away directly...
        Assert.True((await kim.Client.DeleteAsync(MembersApi.Path(w.Org, $"/{alice.MemberId}/scopes/{project}"))).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        // ...so not by deleting the project either.
        var refused = await (await kim.Client.DeleteAsync($"{w.Scopes}/{project}")).ExpectProblemAsync(HttpStatusCode.Forbidden, "scope_delete_changes_access");

        Assert.DoesNotContain("Alice", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await app.InDatabaseAsync(db => db.Scopes.AnyAsync(s => s.Id == project)));
        Assert.True(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.MemberId == alice.MemberId && g.ScopeId == project)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == w.Org && a.Action == "scope.deleted")));
        // Someone who could remove every grant there may delete it.
        await (await w.Admin.Client.DeleteAsync($"{w.Scopes}/{project}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.False(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.MemberId == alice.MemberId)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Move_UnderAProjectWhereTheCallerIsAdmin_IsRefused_AndNoOneGainsAnything(string store)
    {
        var app = await servers.GetAsync(store);
        var w = await WorldAsync(app, "Moving");
        var first = await app.CreateScopeAsync(w.Org, "First");
        var third = await app.CreateScopeAsync(w.Org, "Third");
        var kim = await app.SeedMemberAsync(w.Org, MembersApi.Email("kim"), [new GrantSpec(w.KeeperKey, null), new GrantSpec("admin", third)]);
        var carol = await app.SeedMemberAsync(w.Org, MembersApi.Email("carol"), [new GrantSpec("viewer", third)], firstName: "Carol", lastName: "Third");
        var kimsBefore = await app.Operator.EffectiveAsync(w.Org, kim.MemberId, first);

        var refused = await (await kim.Client.PatchAsJsonAsync($"{w.Scopes}/{first}", new { parentId = third }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "scope_move_changes_access");

        Assert.Contains("First", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.InDatabaseAsync(db => db.Scopes.Where(s => s.Id == first).Select(s => s.ParentId).SingleAsync()));
        Assert.Equal(kimsBefore, await app.Operator.EffectiveAsync(w.Org, kim.MemberId, first));
        Assert.Empty(await app.Operator.EffectiveAsync(w.Org, carol.MemberId, first));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == w.Org && a.Action == "scope.moved")));
        // An admin of the whole organization holds everything anyone would gain, and may move it.
        await (await w.Admin.Client.PatchAsJsonAsync($"{w.Scopes}/{first}", new { parentId = third })).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("documents.view", await app.Operator.EffectiveAsync(w.Org, carol.MemberId, first));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Move_UnderItsOwnSubScope_IsAConflict_OnTheParentField(string store)
    {
        var app = await servers.GetAsync(store);
        var w = await WorldAsync(app, "Cycles");
        var region = await app.CreateScopeAsync(w.Org, "Region");
        var site = await app.CreateScopeAsync(w.Org, "Site", region);

        var cycle = await (await w.Admin.Client.PatchAsJsonAsync($"{w.Scopes}/{region}", new { parentId = site }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "scope_cycle");

        Assert.True(cycle.GetProperty("errors").TryGetProperty("parentId", out _));
    }
}
