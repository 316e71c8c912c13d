using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Members;

/// <summary>A member's access: replacing it (versions, audit, bad bodies, two admins at once) and the effective permissions.</summary>
public sealed class MemberAccessTests(ServerPool servers)
{
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
        // Dan is not someone Ben may see: answered like the member detail (issue 11, item 6); Cara, whom he sees, only where he views members.
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions?scopeId={s.P2}")))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{dan.MemberId}/effective-permissions")))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{s.People["cara"].MemberId}/effective-permissions?scopeId={s.P2}")))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await ben.Client.GetAsync(MembersApi.Path(s.Org, $"/{s.People["cara"].MemberId}/effective-permissions")))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // Full access: everything.
        Assert.Contains("organization.manage", await app.Operator.EffectiveAsync(s.Org, s.People["eve"].MemberId, s.P1));
    }
}
