using System.Net.Http.Json;
using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 002 (micromobility): one role per member, the one-off Custom role made of categories, and the protected
/// owner who cannot leave the organization without another owner.
/// </summary>
public sealed class Seed002MicromobilityMemberTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OneRolePerMember_RefusedWithPolicyCode(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("admin")]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("ro"), [At("read_only")]);

        await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("admin", null), ("read_only", null))))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "one_role_per_member");
        await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants()))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "one_role_per_member");
        Assert.Equal([("read_only", (Guid?)null)], GrantsOf(await admin.Client.MemberAsync(org, user.MemberId)));

        var changed = await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("admin", null)))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([("admin", (Guid?)null)], GrantsOf(changed));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRole_IsInline_PerCategory_AndRefusalsNameIt(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("admin")]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("u"), [At("read_only")]);

        var row = await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("inline", null)),
            inlineRole: new { name = "Custom", permissions = new[] { "assets.view", "claims.edit" } })).ExpectAsync(HttpStatusCode.OK);

        var grant = Assert.Single(row.GetProperty("grants").EnumerateArray());
        Assert.Equal("Custom", grant.GetProperty("roleName").GetString());
        var effective = await user.Client.EffectiveAsync(org, user.MemberId);
        Assert.Contains("assets.view", effective);
        Assert.Contains("claims.edit", effective);
        Assert.DoesNotContain("billing.view", effective);
        Assert.DoesNotContain("assets.edit", effective);

        // Re-configuring makes a new one-off role; the old one is gone, never reusable.
        await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("inline", null)),
            inlineRole: new { name = "Custom", permissions = new[] { "assets.edit" } })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == org && r.Kind == RoleKind.Inline && r.InlineForMemberId == user.MemberId)));
        Assert.Contains("assets.edit", await user.Client.EffectiveAsync(org, user.MemberId));

        // Team management is not one of the categories a Custom role is made of.
        var refused = await (await admin.Client.PutAccessAsync(org, user.MemberId, Grants(("inline", null)),
            inlineRole: new { name = "Custom", permissions = new[] { "members.view" } })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "inline_role_permission_not_offered");
        Assert.Contains("View team members", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A Read-only user is told which permission they lack.
        var readOnly = await app.SeedMemberAsync(org, MembersApi.Email("ro"), [At("read_only")]);
        var denied = await (await readOnly.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Contains("Deactivate team members", denied.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OwnerProtected_LastOwnerStays(string store)
    {
        var app = await servers.GetAsync(store, "micromobility");
        var org = await app.CreateOrganizationAsync("Scoot Co");
        var owner = await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("admin")]);

        var seenByAdmin = await admin.Client.MemberAsync(org, owner.MemberId);
        Assert.False(seenByAdmin.GetProperty("capabilities").GetProperty("deactivate").GetBoolean());
        Assert.False(seenByAdmin.GetProperty("capabilities").GetProperty("remove").GetBoolean());
        await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{owner.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "owner_protected");
        await (await admin.Client.DeleteAsync(MembersApi.Path(org, $"/{owner.MemberId}"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "owner_protected");
        await (await admin.Client.PutAsJsonAsync(MembersApi.Path(org, $"/{owner.MemberId}/owner"), new { owner = false })).ExpectProblemAsync(HttpStatusCode.Forbidden, "owner_only");

        await (await owner.Client.DeleteAsync(MembersApi.Path(org, $"/{owner.MemberId}"))).ExpectProblemAsync(HttpStatusCode.Conflict, "last_owner");
        await (await owner.Client.PutAsJsonAsync(MembersApi.Path(org, $"/{owner.MemberId}/owner"), new { owner = false })).ExpectProblemAsync(HttpStatusCode.Conflict, "last_owner");
        await (await owner.Client.PostAsync(MembersApi.Path(org, $"/{owner.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Conflict, "last_owner");

        // With a second owner, the first may step down.
        var promoted = await (await owner.Client.PutAsJsonAsync(MembersApi.Path(org, $"/{admin.MemberId}/owner"), new { owner = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(promoted.GetProperty("isOwner").GetBoolean());
        var stepped = await (await owner.Client.PutAsJsonAsync(MembersApi.Path(org, $"/{owner.MemberId}/owner"), new { owner = false })).ExpectAsync(HttpStatusCode.OK);
        Assert.False(stepped.GetProperty("isOwner").GetBoolean());
        Assert.Equal(2, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.OwnerChanged)));
    }
}
