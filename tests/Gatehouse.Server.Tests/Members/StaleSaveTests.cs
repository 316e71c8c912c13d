using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Members;

/// <summary>
/// Issue 11, item 5: every versioned write answers 404 for what the caller may not see, then 409 for a stale
/// version, then the policy's 403, so a save made on an old reading is told to reload whatever changed meanwhile.
/// </summary>
public sealed class StaleSaveTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SaveOnAnOldReading_AfterAChangeWhereTheSaverDoesNotManage_Is409_Not403(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var manager = await app.SeedMemberAsync(s.Org, MembersApi.Email("p1manager"), [new GrantSpec("manager", s.P1)]);
        var both = await app.SeedMemberAsync(s.Org, MembersApi.Email("both"), [new GrantSpec("viewer", s.P1), new GrantSpec("viewer", s.P2)]);
        var read = await manager.Client.MemberAsync(s.Org, both.MemberId);
        var version = read.GetProperty("version").GetInt32();
        // Meanwhile an admin changes the member's access in Project Two, which the manager does not manage.
        await (await s.People["anna"].Client.PutAccessAsync(s.Org, both.MemberId,
            new[] { new { roleKey = "viewer", scopeId = (Guid?)s.P1 }, new { roleKey = "member", scopeId = (Guid?)s.P2 } })).ExpectAsync(HttpStatusCode.OK);

        // The manager saves what they read, with their change in Project One.
        var stale = await manager.Client.PutAccessAsync(s.Org, both.MemberId,
            new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 }, new { roleKey = "viewer", scopeId = (Guid?)s.P2 } }, version: version);

        await stale.ExpectProblemAsync(HttpStatusCode.Conflict, "version_conflict");
        var now = await app.Operator.MemberAsync(s.Org, both.MemberId);
        Assert.Contains(now.GetProperty("grants").EnumerateArray(), g => g.GetProperty("roleKey").GetString() == "member" && g.GetProperty("scopeId").GetGuid() == s.P2);
        // With the version read now, the same save is the policy's to judge: Project Two is not the manager's.
        var current = now.GetProperty("version").GetInt32();
        await (await manager.Client.PutAccessAsync(s.Org, both.MemberId,
            new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 }, new { roleKey = "viewer", scopeId = (Guid?)s.P2 } }, version: current))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // And a member the caller may not see is not found, whatever the version.
        await (await manager.Client.PutAccessAsync(s.Org, s.People["dan"].MemberId, Array.Empty<object>(), version: -1))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RoleSavedOnAnOldReading_AfterItGrewBeyondTheSaversAccess_Is409_Not403(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Stale Roles");
        var admin = await app.SeedMemberAsync(organization, MembersApi.Email("admin"), [new GrantSpec("admin", null)]);
        var roles = $"/api/v1/organizations/{organization}/roles";
        var keeper = await (await admin.Client.PostAsJsonAsync(roles, new { name = "Role Keeper", permissions = new[] { "roles.manage", "documents.view", "documents.edit" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var editor = await (await admin.Client.PostAsJsonAsync(roles, new { name = "Editor", permissions = new[] { "documents.view" } })).ExpectAsync(HttpStatusCode.Created);
        var saver = await app.SeedMemberAsync(organization, MembersApi.Email("saver"), [new GrantSpec(keeper.GetProperty("key").GetString()!, null)]);
        var path = $"{roles}/{editor.GetProperty("id").GetGuid()}";
        // Meanwhile the admin gives the role a permission the saver lacks.
        await (await admin.Client.PatchAsJsonAsync(path, new { permissions = new[] { "documents.view", "audit.view" }, version = 0 })).ExpectAsync(HttpStatusCode.OK);

        var stale = await saver.Client.PatchAsJsonAsync(path, new { permissions = new[] { "documents.view", "documents.edit" }, version = 0 });

        await stale.ExpectProblemAsync(HttpStatusCode.Conflict, "version_conflict");
        await (await saver.Client.PatchAsJsonAsync(path, new { permissions = new[] { "documents.view", "documents.edit" }, version = 1 }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "role_exceeds_own_access");
        var stored = await app.InDatabaseAsync(db => db.Roles.SingleAsync(r => r.Id == editor.GetProperty("id").GetGuid()));
        Assert.Equal(["audit.view", "documents.view"], stored.Permissions.Order());
    }
}
