using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 003 (facilities): the facility assignment limits whom a store manager sees; full access sees everyone and
/// deactivates, activates and deletes.
/// </summary>
public sealed class Seed003FacilityMemberTests(ServerPool servers)
{
    private static async Task<string> CreatePermissionGroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        await app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FacilityAssignment_LimitsVisibleMembers(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var south = await app.CreateScopeAsync(org, "South Store");
        var storeManager = await CreatePermissionGroupAsync(app, org, "Store Manager", "members.view", "work_orders.create", "facilities.view");
        var technician = await CreatePermissionGroupAsync(app, org, "Technician", "work_orders.view", "facilities.view");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), fullAccess: true, phone: "+45 11 22 33 44");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At(storeManager, north)]);
        var northTech = await app.SeedMemberAsync(org, MembersApi.Email("nt"), [At(technician, north)], phone: "+45 55 66 77 88");
        var southTech = await app.SeedMemberAsync(org, MembersApi.Email("st"), [At(technician, south)]);

        // Everyone with access at North Store: its technician, the manager, and the full-access admin, who reaches every facility.
        Assert.Equal(new[] { admin.MemberId, manager.MemberId, northTech.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org)).Ids().ToHashSet());
        await (await manager.Client.GetAsync(MembersApi.Path(org, $"/{southTech.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await (await northTech.Client.GetAsync(MembersApi.Path(org))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");

        // Full access sees everyone, with phone, groups and the full-access flag.
        var rows = await admin.Client.AllRowsAsync(org);
        Assert.Equal(4, rows.Count);
        var tech = rows.Single(r => r.GetProperty("memberId").GetGuid() == northTech.MemberId);
        Assert.Equal("+45 55 66 77 88", tech.GetProperty("phone").GetString());
        Assert.Equal("Technician", Assert.Single(tech.GetProperty("grants").EnumerateArray()).GetProperty("roleName").GetString());
        Assert.True(rows.Single(r => r.GetProperty("memberId").GetGuid() == admin.MemberId).GetProperty("fullAccess").GetBoolean());
        Assert.Equal(new[] { admin.MemberId }, (await admin.Client.AllRowsAsync(org, "fullAccess=true")).Ids());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FullAccess_Deactivate_Activate_Delete(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var admin = await app.SeedMemberAsync(org, MembersApi.Email("admin"), fullAccess: true);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("u"), [At("administrator", north)]);
        var other = await app.SeedMemberAsync(org, MembersApi.Email("o"), [At("administrator", north)]);

        var deactivated = await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("deactivated", deactivated.GetProperty("status").GetString());
        Assert.True(deactivated.GetProperty("capabilities").GetProperty("reactivate").GetBoolean());
        // The engine refuses a deactivated member at once.
        Assert.Empty(await admin.Client.EffectiveAsync(org, user.MemberId, north));
        await (await user.Client.GetAsync(MembersApi.Path(org))).ExpectProblemAsync(HttpStatusCode.Forbidden, "actor_deactivated");
        await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Conflict, "member_already_deactivated");

        var activated = await (await admin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/reactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", activated.GetProperty("status").GetString());
        Assert.Contains("work_orders.create", await user.Client.EffectiveAsync(org, user.MemberId, north));

        // Full access is given by someone with full access.
        var full = await (await admin.Client.PutAccessAsync(org, other.MemberId, Grants(("administrator", north)), fullAccess: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(full.GetProperty("fullAccess").GetBoolean());
        var adminVersion = (await admin.Client.MemberAsync(org, admin.MemberId)).GetProperty("version").GetInt32();
        await (await user.Client.PutAccessAsync(org, user.MemberId, Grants(("administrator", north)), fullAccess: true)).ExpectProblemAsync(HttpStatusCode.Forbidden, "full_access_requires_full_access");
        // North Store's administrator sees the full-access admin (full access reaches every facility) but cannot take it away.
        await (await user.Client.PutAccessAsync(org, admin.MemberId, Grants(), fullAccess: false, version: adminVersion)).ExpectProblemAsync(HttpStatusCode.Forbidden, "full_access_requires_full_access");

        await (await admin.Client.DeleteAsync(MembersApi.Path(org, $"/{other.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(new[] { admin.MemberId, user.MemberId }.ToHashSet(), (await admin.Client.AllRowsAsync(org)).Ids().ToHashSet());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberDeactivated)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberReactivated)));
    }
}
