using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Members;

/// <summary>The member list and one member: order, pages, filters, search, the row and who sees whom.</summary>
public sealed class MemberListTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_SortsAndPages_EveryPageWalked_NoDuplicatesNoneMissing(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);

        var expected = new Dictionary<string, List<Guid>>
        {
            ["name"] = IdsOf(s, "anna", "ben", "cara", "dan", "eve", "fay", "gus"),
            ["-name"] = IdsOf(s, "gus", "fay", "eve", "dan", "cara", "ben", "anna"),
            ["email"] = IdsOf(s, "gus", "fay", "eve", "dan", "cara", "ben", "anna"),
            ["-email"] = IdsOf(s, "anna", "ben", "cara", "dan", "eve", "fay", "gus"),
        };
        foreach (var (sort, ids) in expected)
        {
            foreach (var limit in new[] { 1, 2, 3, 50 })
            {
                var rows = await app.Operator.AllRowsAsync(s.Org, $"sort={sort}", limit);
                Assert.Equal(ids, rows.Ids());
            }
        }

        // Never signed in comes last both ways, in id order matching the direction.
        var never = IdsOf(s, "ben", "dan", "fay", "gus").Order().ToList();
        foreach (var limit in new[] { 1, 2, 5 })
        {
            Assert.Equal([.. IdsOf(s, "cara", "eve", "anna"), .. never], (await app.Operator.AllRowsAsync(s.Org, "sort=lastLogin", limit)).Ids());
            var descending = (await app.Operator.AllRowsAsync(s.Org, "sort=-lastLogin", limit)).Ids();
            Assert.Equal(IdsOf(s, "anna", "eve", "cara"), descending.Take(3));
            Assert.Equal(never.ToHashSet(), descending.Skip(3).ToHashSet());
            Assert.Equal(4, descending.Skip(3).Distinct().Count());
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_SearchAndFilters_PagedInEveryOrder_NoDuplicatesNoneMissing(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);

        // "example" is in every email: a search of three characters or more (trigram-index shape on PostgreSQL).
        var expected = new Dictionary<string, List<Guid>>
        {
            ["q=EXAMPLE&sort=name"] = IdsOf(s, "anna", "ben", "cara", "dan", "eve", "fay", "gus"),
            ["q=example&sort=-name"] = IdsOf(s, "gus", "fay", "eve", "dan", "cara", "ben", "anna"),
            ["q=example&sort=email"] = IdsOf(s, "gus", "fay", "eve", "dan", "cara", "ben", "anna"),
            ["q=example&sort=-email"] = IdsOf(s, "anna", "ben", "cara", "dan", "eve", "fay", "gus"),
            ["q=an&sort=-name"] = IdsOf(s, "eve", "dan", "anna"),
            ["fullAccess=false"] = IdsOf(s, "anna", "ben", "cara", "dan", "fay", "gus"),
            ["fullAccess=true&sort=-name"] = IdsOf(s, "eve"),
            ["role=viewer&sort=-name"] = IdsOf(s, "gus", "fay", "ben"),
            [$"scopeId={s.P2}&sort=lastLogin"] = [.. IdsOf(s, "eve", "anna"), .. IdsOf(s, "dan", "fay", "gus").Order()],
            [$"scopeId={s.P2}&sort=-lastLogin"] = [.. IdsOf(s, "anna", "eve"), .. IdsOf(s, "dan", "fay", "gus").OrderDescending()],
            ["type=scope&sort=-lastLogin"] = [.. IdsOf(s, "cara"), .. IdsOf(s, "ben", "dan", "fay", "gus").OrderDescending()],
        };
        foreach (var (query, ids) in expected)
        {
            foreach (var limit in new[] { 1, 2, 50 })
            {
                Assert.Equal(ids, (await app.Operator.AllRowsAsync(s.Org, query, limit)).Ids());
            }
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_Filters_InSql(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        async Task<List<Guid>> Ids(string query) => (await app.Operator.AllRowsAsync(s.Org, query)).Ids();

        Assert.Equal(IdsOf(s, "anna", "ben", "cara", "dan", "eve", "fay", "gus"), await Ids(""));
        Assert.Contains(s.Service, await Ids("includeServiceAccounts=true"));
        Assert.Equal(IdsOf(s, "ben", "fay", "gus"), await Ids("role=viewer"));
        Assert.Equal(IdsOf(s, "anna", "eve"), await Ids("type=organization"));
        Assert.Equal(IdsOf(s, "ben", "cara", "dan", "fay", "gus"), await Ids("type=scope"));
        Assert.Equal(IdsOf(s, "eve"), await Ids("fullAccess=true"));
        // Access at a scope: there, above it (ancestors, the organization) or full access.
        Assert.Equal(IdsOf(s, "anna", "ben", "eve"), await Ids($"scopeId={s.P1}"));
        Assert.Equal(IdsOf(s, "anna", "dan", "eve", "fay", "gus"), await Ids($"scopeId={s.P2}"));
        // Free text on name and email, any case; wildcards match literally.
        Assert.Equal(IdsOf(s, "cara"), await Ids("q=CARA%20c"));
        Assert.Equal(IdsOf(s, "dan"), await Ids("q=ww-DAN"));
        Assert.Equal(IdsOf(s, "fay"), await Ids("q=" + Uri.EscapeDataString("_100%")));
        Assert.Empty(await Ids("q=" + Uri.EscapeDataString("%%")));
        Assert.Empty(await Ids("q=" + Uri.EscapeDataString("an_a")));
        Assert.Equal(IdsOf(s, "ben"), await Ids("role=viewer&q=baker"));

        var response = await app.Operator.PostAsync(MembersApi.Path(s.Org, $"/{s.People["dan"].MemberId}/deactivate"), null);
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(IdsOf(s, "dan"), await Ids("status=deactivated"));
        Assert.DoesNotContain(s.People["dan"].MemberId, await Ids("status=active"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_RowShape_GrantsNamesAndOrganizationWideFlag(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);

        var ben = await app.Operator.MemberAsync(s.Org, s.People["ben"].MemberId);
        Assert.Equal("Ben", ben.GetProperty("firstName").GetString());
        Assert.Equal("active", ben.GetProperty("status").GetString());
        Assert.False(ben.GetProperty("organizationWide").GetBoolean());
        var grant = Assert.Single(ben.GetProperty("grants").EnumerateArray());
        Assert.Equal("viewer", grant.GetProperty("roleKey").GetString());
        Assert.Equal("Viewer", grant.GetProperty("roleName").GetString());
        Assert.Equal("Project One", grant.GetProperty("scopeName").GetString());
        Assert.True(ben.GetProperty("capabilities").GetProperty("remove").GetBoolean());

        var anna = await app.Operator.MemberAsync(s.Org, s.People["anna"].MemberId);
        Assert.True(anna.GetProperty("organizationWide").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Assert.Single(anna.GetProperty("grants").EnumerateArray()).GetProperty("scopeId").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, anna.GetProperty("lastLoginAt").ValueKind);

        await (await app.Operator.GetAsync(MembersApi.Path(s.Org, $"/{Guid.NewGuid()}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_BadQueryValues_Are400Problems(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var nameCursor = (await app.Operator.PageAsync(s.Org, "limit=1")).GetProperty("nextCursor").GetString()!;

        foreach (var (query, code) in new[]
        {
            ("limit=-1", "validation_failed"),
            ("limit=0", "validation_failed"),
            ("limit=1000", "validation_failed"),
            ("cursor=not-a-cursor", "invalid_cursor"),
            ("cursor=" + Uri.EscapeDataString(nameCursor) + "&sort=email", "invalid_cursor"),
            ("sort=age", "validation_failed"),
            ("type=everyone", "validation_failed"),
            ("status=gone", "validation_failed"),
            ("role=nope", "validation_failed"),
            ("q=" + new string('x', 201), "validation_failed"),
        })
        {
            await (await app.Operator.GetAsync(MembersApi.Path(s.Org, "?" + query))).ExpectProblemAsync(HttpStatusCode.BadRequest, code);
        }
        await (await app.Operator.GetAsync(MembersApi.Path(s.Org, "?limit=abc"))).ExpectAsync(HttpStatusCode.BadRequest);
        await (await app.Operator.GetAsync(MembersApi.Path(s.Org, $"?scopeId={Guid.NewGuid()}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "scope_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ScopeLimitedViewer_SeesWhoHasAccessAtTheirScopes_OrganizationWideIncluded_AndThemself(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);

        // Ben views at Project One, which holds Project One A; Anna's organization-wide role and Eve's full access reach it too
        // ("see who has access to your workshop", seed 000/001).
        Assert.Equal(IdsOf(s, "anna", "ben", "cara", "eve"), (await s.People["ben"].Client.AllRowsAsync(s.Org)).Ids());
        await (await s.People["ben"].Client.GetAsync(MembersApi.Path(s.Org, $"/{s.People["dan"].MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        Assert.Equal(IdsOf(s, "anna", "dan", "eve", "fay", "gus"), (await s.People["dan"].Client.AllRowsAsync(s.Org)).Ids());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApi_DescribesTheMemberEndpoints(string store)
    {
        var app = await servers.GetAsync(store);

        var document = await (await app.Operator.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "", "/{memberId}", "/{memberId}/access", "/{memberId}/scopes", "/{memberId}/scopes/{scopeId}", "/{memberId}/deactivate",
            "/{memberId}/reactivate", "/{memberId}/owner", "/{memberId}/effective-permissions", "/add-to-scope" })
        {
            Assert.True(paths.TryGetProperty("/api/v1/organizations/{organizationId}/members" + path, out _), path);
        }
    }
}
