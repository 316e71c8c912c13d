using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests;

public sealed class MembersApiTests(ServerPool servers)
{
    private sealed record Seeded(Guid Org, Guid P1, Guid P1A, Guid P2, Dictionary<string, SeededMember> People, Guid Service);

    /// <summary>Seven people with distinct names, emails and sign-ins, and a service account.</summary>
    private static async Task<Seeded> SeedDirectoryAsync(GatehouseApp app)
    {
        var org = await app.CreateOrganizationAsync();
        var p1 = await app.CreateScopeAsync(org, "Project One");
        var p1a = await app.CreateScopeAsync(org, "Project One A", p1);
        var p2 = await app.CreateScopeAsync(org, "Project Two");
        var service = await app.SeedServiceAccountAsync(org, "Robot");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var people = new Dictionary<string, SeededMember>
        {
            ["anna"] = await app.SeedMemberAsync(org, $"zz-anna-{tag}@example.com", [new GrantSpec("admin", null)], firstName: "Anna", lastName: "Able"),
            ["ben"] = await app.SeedMemberAsync(org, $"yy-ben-{tag}@example.com", [new GrantSpec("viewer", p1)], firstName: "Ben", lastName: "Baker"),
            ["cara"] = await app.SeedMemberAsync(org, $"xx-cara-{tag}@example.com", [new GrantSpec("member", p1a)], firstName: "Cara", lastName: "Cole"),
            ["dan"] = await app.SeedMemberAsync(org, $"ww-dan-{tag}@example.com", [new GrantSpec("member", p2)], firstName: "Dan", lastName: "Dunn"),
            ["eve"] = await app.SeedMemberAsync(org, $"vv-eve-{tag}@example.com", fullAccess: true, firstName: "Eve", lastName: "Evans"),
            ["fay"] = await app.SeedMemberAsync(org, $"uu-fay_100%-{tag}@example.com", [new GrantSpec("viewer", p2)], firstName: "Fay", lastName: "Fox"),
            ["gus"] = await app.SeedMemberAsync(org, $"tt-gus-{tag}@example.com", [new GrantSpec("viewer", p2)], firstName: "Gus", lastName: "Grey"),
        };
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await app.SignInAtAsync(people["cara"].UserId, start.AddHours(1));
        await app.SignInAtAsync(people["anna"].UserId, start.AddHours(3).AddTicks(70));
        await app.SignInAtAsync(people["eve"].UserId, start.AddHours(2));
        return new Seeded(org, p1, p1a, p2, people, service);
    }

    private static List<Guid> IdsOf(Seeded s, params string[] names) => [.. names.Select(n => s.People[n].MemberId)];

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
    public async Task ReplaceAccess_ChangesGrants_BumpsVersion_AndAudits(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var admin = s.People["anna"];
        var ben = s.People["ben"].MemberId;
        var before = await admin.Client.MemberAsync(s.Org, ben);

        var answer = await (await admin.Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P2 }, new { roleKey = "viewer", scopeId = (Guid?)s.P1 } }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.True(answer.GetProperty("version").GetInt32() > before.GetProperty("version").GetInt32());
        Assert.Equal(2, answer.GetProperty("grants").GetArrayLength());
        Assert.Contains("documents.edit", await admin.Client.EffectiveAsync(s.Org, ben, s.P2));
        var audit = await app.InDatabaseAsync(db => db.AuditEvents.Where(a => a.OrganizationId == s.Org && a.Action == AuditActions.MemberAccessChanged).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(ben.ToString(), entry.TargetId);
        Assert.Contains("viewer", entry.Before!, StringComparison.Ordinal);
        Assert.Contains("member", entry.After!, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReplaceAccess_StaleVersion_Is409_AndNothingChanges(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var admin = s.People["anna"];
        var ben = s.People["ben"].MemberId;
        var read = (await admin.Client.MemberAsync(s.Org, ben)).GetProperty("version").GetInt32();

        await (await admin.Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 } }, version: read)).ExpectAsync(HttpStatusCode.OK);
        var stale = await admin.Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "viewer", scopeId = (Guid?)s.P2 } }, version: read);

        await stale.ExpectProblemAsync(HttpStatusCode.Conflict, "version_conflict");
        var now = await admin.Client.MemberAsync(s.Org, ben);
        Assert.Equal("member", Assert.Single(now.GetProperty("grants").EnumerateArray()).GetProperty("roleKey").GetString());
        var events = await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == s.Org && a.Action == AuditActions.MemberAccessChanged));
        Assert.Equal(1, events);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReplaceAccess_BadBodies_Are400_NothingStored(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"].MemberId;
        var path = MembersApi.Path(s.Org, $"/{ben}/access");

        await (await app.Operator.PutAsJsonAsync(path, new { grants = Array.Empty<object>() })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await app.Operator.PutAsJsonAsync(path, new { version = 0 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await app.Operator.PutAsJsonAsync(path, new { version = 0, grants = new[] { new { roleKey = "", scopeId = (Guid?)null } } })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await app.Operator.PutAsJsonAsync(path, new { version = 0, grants = Array.Empty<object>(), extra = 1 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        await (await app.Operator.PutAsJsonAsync(path, new { version = 0, grants = new[] { new { roleKey = "inline", scopeId = (Guid?)null } } })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // Unknown role and unknown scope are the policy's refusals.
        var unknownRole = await app.Operator.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "wizard", scopeId = (Guid?)null } });
        Assert.True(unknownRole.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, unknownRole.StatusCode.ToString());
        var unknownScope = await app.Operator.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "viewer", scopeId = (Guid?)Guid.NewGuid() } });
        await unknownScope.ExpectProblemAsync(HttpStatusCode.NotFound, "scope_not_found");

        var after = await app.Operator.MemberAsync(s.Org, ben);
        Assert.Equal("viewer", Assert.Single(after.GetProperty("grants").EnumerateArray()).GetProperty("roleKey").GetString());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemoveMember_DeletesMembershipAndGrants_KeepsAccount(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var ben = s.People["ben"];

        await (await s.People["anna"].Client.DeleteAsync(MembersApi.Path(s.Org, $"/{ben.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain(ben.MemberId, (await app.Operator.AllRowsAsync(s.Org)).Ids());
        Assert.True(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == ben.UserId)));
        Assert.False(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.OrganizationId == s.Org && g.MemberId == ben.MemberId)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == s.Org && a.Action == AuditActions.MemberRemoved)));
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org))).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EffectivePermissions_SelfOrViewerThere_OthersRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var dan = s.People["dan"];
        var ben = s.People["ben"];

        Assert.Contains("documents.create", await dan.Client.EffectiveAsync(s.Org, dan.MemberId, s.P2));
        Assert.Empty(await dan.Client.EffectiveAsync(s.Org, dan.MemberId, s.P1));
        Assert.Empty(await dan.Client.EffectiveAsync(s.Org, dan.MemberId));
        // Ben views members in Project One only.
        Assert.Contains("documents.edit", await ben.Client.EffectiveAsync(s.Org, s.People["cara"].MemberId, s.P1A));
        Assert.Empty(await ben.Client.EffectiveAsync(s.Org, s.People["cara"].MemberId, s.P1));
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions?scopeId={s.P2}")))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions")))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // Full access: everything.
        Assert.Contains("organization.manage", await app.Operator.EffectiveAsync(s.Org, s.People["eve"].MemberId, s.P1));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ScopeLimitedViewer_SeesOnlyMembersOfTheirScopes_AndThemself(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);

        // Ben views at Project One, which holds Project One A.
        Assert.Equal(IdsOf(s, "ben", "cara"), (await s.People["ben"].Client.AllRowsAsync(s.Org)).Ids());
        await (await s.People["ben"].Client.GetAsync(MembersApi.Path(s.Org, $"/{s.People["dan"].MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        Assert.Equal(IdsOf(s, "dan", "fay", "gus"), (await s.People["dan"].Client.AllRowsAsync(s.Org)).Ids());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ReplaceAccess_TwoAdminsWithTheSameVersion_OneWinsOneGets409(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var second = await app.SeedMemberAsync(s.Org, MembersApi.Email("admin2"), [new GrantSpec("admin", null)]);
        var ben = s.People["ben"].MemberId;
        var version = (await app.Operator.MemberAsync(s.Org, ben)).GetProperty("version").GetInt32();

        var answers = await Task.WhenAll(
            s.People["anna"].Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 } }, version: version),
            second.Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "manager", scopeId = (Guid?)s.P2 } }, version: version));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        await loser.ExpectProblemAsync(HttpStatusCode.Conflict, "version_conflict");
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ExpectAsync(HttpStatusCode.OK);
        var stored = await app.Operator.MemberAsync(s.Org, ben);
        Assert.Equal(winner.GetProperty("grants").ToString(), stored.GetProperty("grants").ToString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == s.Org && a.Action == AuditActions.MemberAccessChanged)));
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
