using System.Net;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 003, "removing access is not granting it": a "user manager" group holding Users: Edit status and Delete
/// deactivates and deletes a technician who holds "View assets", which the manager lacks; changing grants keeps the full rule.
/// </summary>
public sealed class Seed003UserManagerTests(ServerPool servers)
{
    private static Task<string> GroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UserManager_DeactivatesAndRemovesATechnician_ButCannotChangeTheirGroups(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var org = await app.CreateOrganizationAsync("Facility Co");
        var north = await app.CreateScopeAsync(org, "North Store");
        var userManager = await GroupAsync(app, org, "User manager", "members.view", "members.deactivate", "members.delete");
        var userEditor = await GroupAsync(app, org, "User editor", "members.view", "members.assign");
        var technician = await GroupAsync(app, org, "Technician", "assets.view", "work_orders.view_own");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At(userManager)]);
        var editor = await app.SeedMemberAsync(org, MembersApi.Email("ed"), [At(userEditor)]);
        var ted = await app.SeedMemberAsync(org, MembersApi.Email("ted"), [At(technician, north)], firstName: "Ted", lastName: "Technician");
        var tia = await app.SeedMemberAsync(org, MembersApi.Email("tia"), [At(technician, north)]);

        // Changing grants still needs the member's access within the actor's own.
        var version = (await editor.Client.MemberAsync(org, ted.MemberId)).GetProperty("version").GetInt32();
        var refused = await (await editor.Client.PutAccessAsync(org, ted.MemberId, Grants(), version: version))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "member_exceeds_own_access");
        Assert.Contains("'View assets'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var deactivated = await (await manager.Client.PostAsync(MembersApi.Path(org, $"/{ted.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("deactivated", deactivated.GetProperty("status").GetString());
        await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tia.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain(tia.MemberId, (await manager.Client.AllRowsAsync(org)).Ids());

        // A member holding a right to manage people the manager lacks stays out of reach.
        await (await manager.Client.PostAsync(MembersApi.Path(org, $"/{editor.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "member_exceeds_own_access");
    }
}
