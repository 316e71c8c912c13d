using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Roles;

public sealed class RoleApiTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Catalog_ListsCategoriesWithTheirPermissionsAndLabels(string store)
    {
        var app = await servers.GetAsync(store, "facilities");

        var catalog = await (await app.Operator.GetAsync("/api/v1/permissions")).ExpectAsync(HttpStatusCode.OK);

        var categories = catalog.GetProperty("categories").EnumerateArray().ToList();
        Assert.Contains(categories, c => c.GetProperty("label").GetString() == "Work Orders");
        var workOrders = categories.Single(c => c.GetProperty("label").GetString() == "Work Orders").GetProperty("permissions").EnumerateArray()
            .Single(p => p.GetProperty("code").GetString() == "work_orders.create");
        Assert.Equal(("Create", "Create work orders"), (workOrders.GetProperty("label").GetString(), workOrders.GetProperty("fullLabel").GetString()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRole_IsCreated_Edited_AndDeleted_WithAnAuditEventEach(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var roles = $"/api/v1/organizations/{organization}/roles";

        var created = await (await admin.Client.PostAsJsonAsync(roles, new { name = "Editor", permissions = new[] { "documents.view", "documents.edit" } })).ExpectAsync(HttpStatusCode.Created);
        // The answer shows the role as it is after the change: its creator may edit and delete it.
        Assert.True(created.GetProperty("capabilities").GetProperty("edit").GetBoolean() && created.GetProperty("capabilities").GetProperty("delete").GetBoolean());
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(("custom", 0), (created.GetProperty("kind").GetString(), created.GetProperty("version").GetInt32()));

        var list = await (await admin.Client.GetAsync(roles)).ExpectAsync(HttpStatusCode.OK);
        var system = list.EnumerateArray().Single(r => r.GetProperty("key").GetString() == "viewer");
        Assert.Equal(("system", "anywhere", false), (system.GetProperty("kind").GetString(), system.GetProperty("grantableAt").GetString(), system.GetProperty("capabilities").GetProperty("edit").GetBoolean()));
        var custom = list.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "custom");
        Assert.True(custom.GetProperty("capabilities").GetProperty("edit").GetBoolean() && custom.GetProperty("capabilities").GetProperty("delete").GetBoolean());

        var stale = await admin.Client.PatchAsJsonAsync($"{roles}/{id}", new { name = "Writer", version = 5 });
        await stale.ExpectProblemAsync(HttpStatusCode.Conflict, "version_conflict");
        var edited = await (await admin.Client.PatchAsJsonAsync($"{roles}/{id}", new { name = "Writer", permissions = new[] { "documents.view", "documents.create" }, version = 0 }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Writer", edited.GetProperty("name").GetString());
        Assert.Equal(["documents.create", "documents.view"], edited.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Order());

        await (await admin.Client.DeleteAsync($"{roles}/{id}")).ExpectAsync(HttpStatusCode.NoContent);

        var actions = await app.InDatabaseAsync(db => db.AuditEvents.Where(a => a.OrganizationId == organization && a.TargetType == "role").OrderBy(a => a.OccurredAt).Select(a => a.Action).ToListAsync());
        Assert.Equal(["role.created", "role.updated", "role.deleted"], actions);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRole_GrantedToSomeone_IsUsableAtOnce_AndCannotBeDeletedWhileHeld(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var created = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Reader", permissions = new[] { "documents.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("holder"), [new GrantSpec(key, null)]);

        var refused = await admin.Client.DeleteAsync($"/api/v1/organizations/{organization}/roles/{key}");

        await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "role_in_use");
        var list = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/roles")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("inUse").GetInt32());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == organization && r.Kind == RoleKind.Custom)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SystemRole_CannotBeEditedOrDeleted(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);

        await (await admin.Client.PatchAsJsonAsync($"/api/v1/organizations/{organization}/roles/viewer", new { name = "Looker" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "system_role_read_only");
        await (await admin.Client.DeleteAsync($"/api/v1/organizations/{organization}/roles/viewer")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "system_role_read_only");
        await (await admin.Client.DeleteAsync($"/api/v1/organizations/{organization}/roles/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound, "role_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRole_BeyondTheCreatorsOwnAccess_IsRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var roleManager = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Role keeper", permissions = new[] { "roles.manage", "documents.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var keeper = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("keeper"), [new GrantSpec(roleManager.GetProperty("key").GetString()!, null)]);

        var allowed = await keeper.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Peeker", permissions = new[] { "documents.view" } });
        await allowed.ExpectAsync(HttpStatusCode.Created);
        var refused = await keeper.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Deleter", permissions = new[] { "documents.view", "documents.delete" } });
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Forbidden, "role_exceeds_own_access");
        Assert.Contains("Delete documents", problem.GetProperty("detail").GetString());
        var unknown = await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Odd", permissions = new[] { "documents.fly" } });
        await unknown.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_permission");
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CustomRoles_AreRefused_WhereTheModelHasNone(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var organization = await app.CreateOrganizationAsync();

        var response = await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/roles", new { name = "Apprentice", permissions = new[] { "vehicles.view" } });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "custom_roles_disabled");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Roles.CountAsync(r => r.OrganizationId == organization)));
        var list = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/roles")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["manager", "basic"], list.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
    }
}
