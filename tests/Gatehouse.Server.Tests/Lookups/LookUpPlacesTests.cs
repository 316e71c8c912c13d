using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Lookups.LookupPages;

namespace Gatehouse.Server.Tests.Lookups;

/// <summary>Issue 17, lookups: GET …/lookups/places, "which projects may Ada see".</summary>
public sealed class LookUpPlacesTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Places_AreTheGrantedScopesAndTheScopesBelow_OrEveryScopeWhenOrganizationWide(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();
        var region = await app.CreateScopeAsync(org, "Region");
        var north = await app.CreateScopeAsync(org, "North", region);
        var south = await app.CreateScopeAsync(org, "South", region);
        var other = await app.CreateScopeAsync(org, "Other");
        var ada = await app.SeedMemberAsync(org, MembersApi.Email("ada"), [new GrantSpec("viewer", region), new GrantSpec("member", other)]);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec("admin", null)]);
        var full = await app.SeedMemberAsync(org, MembersApi.Email("full"), fullAccess: true);

        var view = await (await app.Operator.GetAsync(Path(org, "places", $"userId={ada.UserId}&permission=projects.view"))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(view.GetProperty("organizationWide").GetBoolean());
        var items = view.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(InIdOrder(region, north, south, other), items.Ids("id"));
        var northItem = items.Single(i => i.GetProperty("id").GetGuid() == north);
        Assert.Equal("North", northItem.GetProperty("name").GetString());
        Assert.Equal(region, northItem.GetProperty("parentId").GetGuid());
        // Edit comes only from the member role in Other; delete from nothing she holds.
        var (edit, _) = await AllAsync(app.Operator, org, "places", $"userId={ada.UserId}&permission=documents.edit");
        Assert.Equal([other], edit.Ids("id"));
        var delete = await (await app.Operator.GetAsync(Path(org, "places", $"userId={ada.UserId}&permission=documents.delete"))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(delete.GetProperty("organizationWide").GetBoolean());
        Assert.Equal(0, delete.GetProperty("items").GetArrayLength());

        foreach (var wide in new[] { admin, full })
        {
            var (everywhere, _) = await AllAsync(app.Operator, org, "places", $"userId={wide.UserId}&permission=documents.delete");
            Assert.Equal(InIdOrder(region, north, south, other), everywhere.Ids("id"));
            var first = await (await wide.Client.GetAsync(Path(org, "places", $"userId={wide.UserId}&permission=documents.delete"))).ExpectAsync(HttpStatusCode.OK);
            Assert.True(first.GetProperty("organizationWide").GetBoolean());
        }

        // Someone who is no member, and a deactivated member, may do it nowhere.
        var stranger = await (await app.Operator.GetAsync(Path(org, "places", $"userId={Guid.NewGuid()}&permission=projects.view"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, stranger.GetProperty("items").GetArrayLength());
        (await app.Operator.PostAsync(MembersApi.Path(org, $"/{ada.MemberId}/deactivate"), null)).EnsureSuccessStatusCode();
        var (gone, _) = await AllAsync(app.Operator, org, "places", $"userId={ada.UserId}&permission=projects.view");
        Assert.Empty(gone);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Places_PagedThrough_ListEachPlaceOnce(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();
        var region = await app.CreateScopeAsync(org, "Region");
        var sites = new List<Guid> { region };
        for (var i = 0; i < 7; i++)
        {
            sites.Add(await app.CreateScopeAsync(org, $"Site {i}", region));
        }
        var elsewhere = await app.CreateScopeAsync(org, "Elsewhere");
        var ada = await app.SeedMemberAsync(org, MembersApi.Email("ada"), [new GrantSpec("viewer", region)]);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [new GrantSpec("admin", null)]);

        foreach (var limit in new[] { 1, 3, 8 })
        {
            var (items, pages) = await AllAsync(ada.Client, org, "places", $"userId={ada.UserId}&permission=documents.view", limit);
            Assert.Equal(InIdOrder(sites), items.Ids("id"));
            Assert.Equal((sites.Count + limit - 1) / limit, pages);
        }
        var (all, allPages) = await AllAsync(app.Operator, org, "places", $"userId={admin.UserId}&permission=documents.view", 4);
        Assert.Equal(InIdOrder([.. sites, elsewhere]), all.Ids("id"));
        Assert.Equal(3, allPages);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Places_AskedBySelf_ByWhoeverMaySeeTheUser_OrByTheProductsBackEnd_Only(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var p1 = await app.CreateScopeAsync(org, "P1");
        var p2 = await app.CreateScopeAsync(org, "P2");
        var plain = await app.SeedMemberAsync(org, MembersApi.Email("plain"));
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("manager"), [new GrantSpec("manager", p1)]);
        var colleague = await app.SeedMemberAsync(org, MembersApi.Email("colleague"), [new GrantSpec("member", p1), new GrantSpec("viewer", p2)]);
        var hidden = await app.SeedMemberAsync(org, MembersApi.Email("hidden"), [new GrantSpec("member", p2)], firstName: "Hilda", lastName: "Hidden");
        var outsider = await app.SeedMemberAsync(other, MembersApi.Email("outsider"), fullAccess: true);
        string About(Guid user) => Path(org, "places", $"userId={user}&permission=projects.view");

        (await plain.Client.GetAsync(About(plain.UserId))).EnsureSuccessStatusCode();
        await (await plain.Client.GetAsync(About(colleague.UserId))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // The manager of P1 sees the colleague (access in P1), and so all the colleague's places, P2 included.
        var seen = await (await manager.Client.GetAsync(About(colleague.UserId))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(InIdOrder(p1, p2), seen.GetProperty("items").EnumerateArray().Ids("id"));
        // Someone with access in P2 only, and someone who is no member, answer the same: no such member, no name.
        foreach (var unseen in new[] { hidden.UserId, Guid.NewGuid() })
        {
            var problem = await (await manager.Client.GetAsync(About(unseen))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
            Assert.DoesNotContain("Hilda", problem.ToString(), StringComparison.Ordinal);
        }
        await (await outsider.Client.GetAsync(About(plain.UserId))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        // A service account of the organization (a product's back end) asks about anyone, whatever its own grants.
        var created = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{org}/service-accounts",
            new { name = "Backend", grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)p1 } } })).ExpectAsync(HttpStatusCode.Created);
        var backend = app.ClientWithKey(created.GetProperty("key").GetString()!);
        var backendAnswer = await (await backend.GetAsync(About(hidden.UserId))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([p2], backendAnswer.GetProperty("items").EnumerateArray().Ids("id"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Places_BadInput_IsRefusedWithACodeAndTheField(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();
        var ada = await app.SeedMemberAsync(org, MembersApi.Email("ada"));
        var url = (string query) => Path(org, "places", $"userId={ada.UserId}&{query}");

        var unknown = await (await app.Operator.GetAsync(url("permission=projects.fly"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("permission", out _));
        foreach (var limit in new[] { "0", "201" })
        {
            var bad = await (await app.Operator.GetAsync(url($"permission=projects.view&limit={limit}"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(bad.GetProperty("errors").TryGetProperty("limit", out _));
        }
        foreach (var cursor in new[] { "not-a-cursor", "e30" })
        {
            await (await app.Operator.GetAsync(url($"permission=projects.view&cursor={cursor}"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        }
        await (await app.Operator.GetAsync(Path(org, "places", $"userId={Guid.Empty}&permission=projects.view"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // Left out or not an id: the parameter is named.
        foreach (var query in new[] { "permission=projects.view", "userId=ada&permission=projects.view", $"userId={ada.UserId}" })
        {
            var missing = await (await app.Operator.GetAsync(Path(org, "places", query))).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
            Assert.Single(missing.GetProperty("errors").EnumerateObject());
        }
    }
}
