using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 003, "Delete — remove user": with <c>accountDeletion: organizationWhenSoleMembership</c> an organization's admins
/// delete the account of a person who belongs to it alone, erased as product support's erasure does.
/// </summary>
public sealed class Seed003DeleteAccountTests(ServerPool servers)
{
    private static string AccountPath(Guid org, Guid member) => MembersApi.Path(org, $"/{member}/account");

    private static Task<string> GroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Administrator_DeletesTheAccountOfSomeoneInTheOrganizationAlone_ErasedAndAudited(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var technician = await GroupAsync(app, org, "Technician", "assets.view");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);
        var email = MembersApi.Email("ted");
        var ted = await app.SeedMemberAsync(org, email, [At(technician, north)], firstName: "Ted", lastName: "Technician", phone: "+44 20 7946 0001");
        Assert.True((await admin.Client.MemberAsync(org, ted.MemberId)).GetProperty("capabilities").GetProperty("deleteAccount").GetBoolean());

        await (await admin.Client.DeleteAsync(AccountPath(org, ted.MemberId))).ExpectAsync(HttpStatusCode.NoContent);

        var user = await app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == ted.UserId));
        Assert.NotNull(user.ErasedAt);
        Assert.DoesNotContain("ted", user.Email, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((string.Empty, (string?)null), (user.FirstName, user.Phone));
        Assert.False(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.UserId == ted.UserId)));
        Assert.False(await app.InDatabaseAsync(db => db.Grants.AnyAsync(g => g.MemberId == ted.MemberId)));
        Assert.False(await app.InDatabaseAsync(db => db.ApiKeys.AnyAsync(k => k.UserId == ted.UserId)));
        var erased = await app.InDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.AccountErased && e.ActorUserId == admin.UserId).ToListAsync());
        Assert.Equal([org, null], erased.Select(e => e.OrganizationId).OrderBy(o => o is null));
        // Within this organization and Ted's own platform events: other tests on the shared server have their own "Technician".
        var tedId = ted.UserId.ToString();
        var leaks = await app.InDatabaseAsync(db => db.AuditEvents
            .Where(e => e.OrganizationId == org || (e.OrganizationId == null && e.TargetId == tedId))
            .Where(e => e.Before!.Contains("Technician\"") || e.After!.Contains(email)).Select(e => e.Action + " " + e.TargetType + " " + e.Before + " " + e.After).ToListAsync());
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        await (await admin.Client.GetAsync(MembersApi.Path(org, $"/{ted.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ted.Client.GetAsync($"/api/v1/organizations/{org}/members")).StatusCode);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SomeoneInAnotherOrganizationToo_IsRefused_WithoutNamingIt_AndNothingChanges(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var otherName = "Secret Facilities " + Guid.NewGuid().ToString("N")[..6];
        var other = await app.CreateOrganizationAsync(otherName);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);
        var email = MembersApi.Email("sam");
        var sam = await app.SeedMemberAsync(org, email, firstName: "Sam", lastName: "Shared");
        await app.SeedMemberAsync(other, email);

        var refused = await (await admin.Client.DeleteAsync(AccountPath(org, sam.MemberId))).ExpectProblemAsync(HttpStatusCode.Conflict, "account_has_other_memberships");

        Assert.DoesNotContain(otherName, refused.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("remove them from this one instead", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == sam.UserId).Select(u => u.ErasedAt).SingleAsync()));
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.UserId == sam.UserId)));
        Assert.False(await app.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccountErased && e.ActorUserId == admin.UserId)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithoutUsersDelete_OrOneself_OrAboveOneself_IsRefused_AndNothingChanges(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var viewerGroup = await GroupAsync(app, org, "User viewer", "members.view", "members.deactivate");
        var managerGroup = await GroupAsync(app, org, "User manager", "members.view", "members.delete");
        var viewer = await app.SeedMemberAsync(org, MembersApi.Email("view"), [At(viewerGroup)]);
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("manager"), [At(managerGroup)]);
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), [At("administrator")]);

        await (await viewer.Client.DeleteAsync(AccountPath(org, manager.MemberId))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await manager.Client.DeleteAsync(AccountPath(org, admin.MemberId))).ExpectProblemAsync(HttpStatusCode.Forbidden, "member_exceeds_own_access");
        await (await admin.Client.DeleteAsync(AccountPath(org, admin.MemberId))).ExpectProblemAsync(HttpStatusCode.Conflict, "cannot_delete_own_account");
        await (await admin.Client.DeleteAsync(AccountPath(org, Guid.NewGuid()))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");

        Assert.False((await viewer.Client.MemberAsync(org, manager.MemberId)).GetProperty("capabilities").GetProperty("deleteAccount").GetBoolean());
        Assert.Equal(3, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == org)));
        Assert.False(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.ErasedAt != null && (u.Id == admin.UserId || u.Id == manager.UserId))));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WhereTheModelLeavesDeletionToProductSupport_TheOwnerIsRefused_AndNothingChanges(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Market");
        var owner = await app.SeedMemberAsync(org, MembersApi.Email("owner"), owner: true, fullAccess: true);
        var basic = await app.SeedMemberAsync(org, MembersApi.Email("basic"));
        Assert.False((await owner.Client.MemberAsync(org, basic.MemberId)).GetProperty("capabilities").GetProperty("deleteAccount").GetBoolean());

        var refused = await (await owner.Client.DeleteAsync(AccountPath(org, basic.MemberId))).ExpectProblemAsync(HttpStatusCode.Forbidden, "account_deletion_not_allowed");

        Assert.Contains("product support", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.Id == basic.MemberId)));
        Assert.Null(await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == basic.UserId).Select(u => u.ErasedAt).SingleAsync()));
    }
}
