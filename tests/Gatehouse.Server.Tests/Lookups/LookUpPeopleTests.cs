using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Lookups.LookupPages;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Lookups;

/// <summary>
/// Issue 17, lookups: GET …/lookups/people, "who may approve in Aarhus". The directory of the member tests: Anna is an
/// admin on the organization, Ben views Project One, Cara works in Project One A (below it), Dan in Project Two, Eve has
/// full access, Fay and Gus view Project Two; Robot is a service account.
/// </summary>
public sealed class LookUpPeopleTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_AtAScope_AreTheHoldersThereAboveAndOnTheOrganization_WithTheirNames(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        // The service account holds what Cara holds, but it is not a person.
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{s.Org}/service-accounts",
            new { name = "Backend", grants = new[] { new { roleKey = "member", scopeId = (Guid?)s.P1A } } })).EnsureSuccessStatusCode();
        async Task<List<Guid>> HoldersAsync(string query) => (await AllAsync(app.Operator, s.Org, "people", query)).Items.Ids("memberId");

        Assert.Equal(InIdOrder(IdsOf(s, "anna", "ben", "cara", "eve")), await HoldersAsync($"permission=documents.view&scopeId={s.P1A}"));
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "cara", "eve")), await HoldersAsync($"permission=documents.edit&scopeId={s.P1A}"));
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "ben", "eve")), await HoldersAsync($"permission=documents.view&scopeId={s.P1}"));
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "dan", "eve", "fay", "gus")), await HoldersAsync($"permission=documents.view&scopeId={s.P2}"));
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "eve")), await HoldersAsync("permission=documents.view"));
        Assert.Empty(await HoldersAsync($"permission=documents.view&scopeId={Guid.NewGuid()}"));

        var page = await (await app.Operator.GetAsync(Path(s.Org, "people", $"permission=documents.edit&scopeId={s.P1A}"))).ExpectAsync(HttpStatusCode.OK);
        var cara = page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("memberId").GetGuid() == s.People["cara"].MemberId);
        Assert.Equal(s.People["cara"].UserId, cara.GetProperty("userId").GetGuid());
        Assert.Equal("Cara", cara.GetProperty("firstName").GetString());
        Assert.Equal("Cole", cara.GetProperty("lastName").GetString());
        Assert.StartsWith("xx-cara-", cara.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);

        // A deactivated member may do nothing, so is not listed.
        (await app.Operator.PostAsync(MembersApi.Path(s.Org, $"/{s.People["cara"].MemberId}/deactivate"), null)).EnsureSuccessStatusCode();
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "eve")), await HoldersAsync($"permission=documents.edit&scopeId={s.P1A}"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_PagedThrough_ListEachHolderOnce_AlsoWhenTheCallerSeesOnlySome(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();
        var aarhus = await app.CreateScopeAsync(org, "Aarhus");
        var odense = await app.CreateScopeAsync(org, "Odense");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("manager"), [new GrantSpec("manager", aarhus)]);
        var inAarhus = new List<Guid> { manager.MemberId };
        var inOdense = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            inAarhus.Add((await app.SeedMemberAsync(org, MembersApi.Email("a"), [new GrantSpec("viewer", aarhus)])).MemberId);
            inOdense.Add((await app.SeedMemberAsync(org, MembersApi.Email("o"), [new GrantSpec("viewer", odense), new GrantSpec("viewer", null)])).MemberId);
        }

        foreach (var limit in new[] { 1, 4, 10, 200 })
        {
            var (everyone, pages) = await AllAsync(app.Operator, org, "people", $"permission=documents.view&scopeId={aarhus}", limit);
            Assert.Equal(InIdOrder([.. inAarhus, .. inOdense]), everyone.Ids("memberId"));
            Assert.Equal((19 + limit - 1) / limit, pages);
        }
        // The manager of Aarhus sees the people with access there (organization-wide viewers included), nobody else.
        await app.SeedMemberAsync(org, MembersApi.Email("odense-only"), [new GrantSpec("member", odense)]);
        foreach (var limit in new[] { 1, 3, 50 })
        {
            var (seen, _) = await AllAsync(manager.Client, org, "people", $"permission=documents.view&scopeId={odense}", limit);
            Assert.Equal(InIdOrder(inOdense), seen.Ids("memberId"));
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_ShowTheCallerOnlyWhomTheMemberListShows(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"].Client;

        // Ben views Project One: of the holders in Project Two he sees the organization-wide ones only.
        var (seen, _) = await AllAsync(ben, s.Org, "people", $"permission=documents.view&scopeId={s.P2}", 1);
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "eve")), seen.Ids("memberId"));
        var page = await (await ben.GetAsync(Path(s.Org, "people", $"permission=documents.view&scopeId={s.P2}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("Dunn", page.ToString(), StringComparison.Ordinal);
        var (inHisProject, _) = await AllAsync(ben, s.Org, "people", $"permission=documents.view&scopeId={s.P1A}");
        Assert.Equal(InIdOrder(IdsOf(s, "anna", "ben", "cara", "eve")), inHisProject.Ids("memberId"));

        // Someone who may see no one is refused as the member list refuses them.
        var plain = await app.SeedMemberAsync(s.Org, MembersApi.Email("plain"));
        await (await plain.Client.GetAsync(MembersApi.Path(s.Org))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await plain.Client.GetAsync(Path(s.Org, "people", $"permission=documents.view&scopeId={s.P2}"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        var outsider = await app.SeedMemberAsync(await app.CreateOrganizationAsync(), MembersApi.Email("outsider"), fullAccess: true);
        await (await outsider.Client.GetAsync(Path(s.Org, "people", "permission=documents.view"))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task People_BadInput_IsRefusedWithACodeAndTheField(string store)
    {
        var app = await servers.GetAsync(store);
        var org = await app.CreateOrganizationAsync();

        var unknown = await (await app.Operator.GetAsync(Path(org, "people", "permission=documents.fly"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("permission", out _));
        foreach (var limit in new[] { "0", "201" })
        {
            await (await app.Operator.GetAsync(Path(org, "people", $"permission=documents.view&limit={limit}"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
        await (await app.Operator.GetAsync(Path(org, "people", "permission=documents.view&cursor=e30"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        var missing = await (await app.Operator.GetAsync(Path(org, "people", "scopeId=" + Guid.NewGuid()))).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.True(missing.GetProperty("errors").TryGetProperty("permission", out _));
        await (await app.Operator.GetAsync(Path(org, "people", "permission=documents.view&scopeId=aarhus"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
    }
}
