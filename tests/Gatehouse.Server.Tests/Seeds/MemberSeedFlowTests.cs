using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>The member-management flows of the five help-centre seeds, through the members API with each seed's preset.</summary>
public sealed class MemberSeedFlowTests(ServerPool servers)
{
    private static GrantSpec At(string role, Guid? scope = null) => new(role, scope);

    private static object[] Grants(params (string RoleKey, Guid? ScopeId)[] grants) => [.. grants.Select(g => new { roleKey = g.RoleKey, scopeId = g.ScopeId })];

    private static List<(string Role, Guid? Scope)> GrantsOf(JsonElement row) =>
        [.. row.GetProperty("grants").EnumerateArray().Select(g => (g.GetProperty("roleKey").GetString()!,
            g.GetProperty("scopeId").ValueKind == JsonValueKind.Null ? (Guid?)null : g.GetProperty("scopeId").GetGuid()))];

    // ---- Seed 000: ConnectedWorkshop user management ----

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed000_RemovalFromWorkshop_KeepsAccount(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin), At("manager", hamburg)]);
        var berlinOnly = await app.SeedMemberAsync(org, MembersApi.Email("mgr2"), [At("manager", berlin)]);
        var tech = await app.SeedMemberAsync(org, MembersApi.Email("tech"), [At("basic", berlin), At("basic", hamburg)]);

        // A manager of Berlin alone cannot take the technician out of Hamburg.
        await (await berlinOnly.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");

        var row = await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{berlin}"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([("basic", (Guid?)hamburg)], GrantsOf(row));
        Assert.Empty(await tech.Client.EffectiveAsync(org, tech.MemberId, berlin));
        Assert.Contains("vehicles.view", await tech.Client.EffectiveAsync(org, tech.MemberId, hamburg));

        // Out of the last workshop too: the membership and the account stay.
        await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == tech.UserId)));
        Assert.True(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.Id == tech.MemberId)));
        Assert.Equal(2, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberRemovedFromScope)));
        await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "grant_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed000_BasicUser_RowCapabilitiesAreAllFalse(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin)]);
        var basic = await app.SeedMemberAsync(org, MembersApi.Email("basic"), [At("basic", berlin)]);
        var colleague = await app.SeedMemberAsync(org, MembersApi.Email("col"), [At("basic", berlin)]);

        var rows = await basic.Client.AllRowsAsync(org);

        Assert.Equal(new[] { manager.MemberId, basic.MemberId, colleague.MemberId }.ToHashSet(), rows.Ids().ToHashSet());
        Assert.All(rows, r => Assert.True(MembersApi.NothingAllowed(r), r.ToString()));
        await (await basic.Client.PutAccessAsync(org, colleague.MemberId, Grants(("manager", berlin)))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // The manager's own view of the same row has the controls enabled.
        var seen = await manager.Client.MemberAsync(org, colleague.MemberId);
        Assert.False(MembersApi.NothingAllowed(seen));
        Assert.Contains(berlin, seen.GetProperty("capabilities").GetProperty("removableFromScopes").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed000_WorkshopManager_SeesOwnWorkshops_AndFiltersByWorkshopAndRights(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var munich = await app.CreateScopeAsync(org, "Munich");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin), At("manager", hamburg)]);
        var inBerlin = await app.SeedMemberAsync(org, MembersApi.Email("b"), [At("basic", berlin)]);
        var inHamburg = await app.SeedMemberAsync(org, MembersApi.Email("h"), [At("manager", hamburg)]);
        var inMunich = await app.SeedMemberAsync(org, MembersApi.Email("m"), [At("basic", munich)]);

        var all = (await manager.Client.AllRowsAsync(org)).Ids();
        Assert.Equal(new[] { manager.MemberId, inBerlin.MemberId, inHamburg.MemberId }.ToHashSet(), all.ToHashSet());
        Assert.DoesNotContain(inMunich.MemberId, all);
        Assert.Equal(new[] { manager.MemberId, inBerlin.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org, $"scopeId={berlin}")).Ids().ToHashSet());
        Assert.Equal(new[] { manager.MemberId, inHamburg.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org, "role=manager")).Ids().ToHashSet());
        await (await manager.Client.GetAsync(MembersApi.Path(org, $"/{inMunich.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    // ---- Seed 001: organizational users ----

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed001_OrganizationWideMember_SeesWorkshopCreatedLater(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Sweden");
        await app.CreateScopeAsync(org, "Stockholm");
        var organizational = await app.SeedMemberAsync(org, MembersApi.Email("org"), [At("basic")]);

        var later = await app.CreateScopeAsync(org, "Malmö");

        Assert.Contains("vehicles.view", await organizational.Client.EffectiveAsync(org, organizational.MemberId, later));
        Assert.Contains(organizational.MemberId, (await app.Operator.AllRowsAsync(org, $"scopeId={later}")).Ids());
        Assert.True((await app.Operator.MemberAsync(org, organizational.MemberId)).GetProperty("organizationWide").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed001_WorkshopUser_ConvertedToOrganizationalUser_AndFilterByType(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Sweden");
        var stockholm = await app.CreateScopeAsync(org, "Stockholm");
        var orgManager = await app.SeedMemberAsync(org, MembersApi.Email("orgmgr"), [At("manager")]);
        var workshopManager = await app.SeedMemberAsync(org, MembersApi.Email("wsmgr"), [At("manager", stockholm)]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("user"), [At("basic", stockholm)]);

        Assert.Equal(new[] { orgManager.MemberId }, (await orgManager.Client.AllRowsAsync(org, "type=organization")).Ids());

        // Only an organizational manager makes someone organizational.
        await (await workshopManager.Client.PutAccessAsync(org, user.MemberId, Grants(("basic", null)))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        var row = await (await orgManager.Client.PutAccessAsync(org, user.MemberId, Grants(("manager", null)))).ExpectAsync(HttpStatusCode.OK);

        Assert.True(row.GetProperty("organizationWide").GetBoolean());
        Assert.Equal([("manager", (Guid?)null)], GrantsOf(row));
        Assert.Equal(new[] { orgManager.MemberId, user.MemberId }.ToHashSet(), (await orgManager.Client.AllRowsAsync(org, "type=organization")).Ids().ToHashSet());
        Assert.Equal(new[] { workshopManager.MemberId }, (await orgManager.Client.AllRowsAsync(org, "type=scope")).Ids());
    }

    // ---- Seed 002: micromobility ----

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed002_OneRolePerMember_RefusedWithPolicyCode(string store)
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
    public async Task Seed002_CustomRole_IsInline_PerCategory_AndRefusalsNameIt(string store)
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
    public async Task Seed002_OwnerProtected_LastOwnerStays(string store)
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

    // ---- Seed 003: facilities ----

    private static async Task<string> CreatePermissionGroupAsync(GatehouseApp app, Guid org, string name, params string[] permissions) =>
        await app.InDatabaseAsync(async db =>
        {
            var role = new Role(Guid.CreateVersion7(), org, RoleKind.Custom, name, permissions);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Key;
        });

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed003_FacilityAssignment_LimitsVisibleMembers(string store)
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

        Assert.Equal(new[] { manager.MemberId, northTech.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org)).Ids().ToHashSet());
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
    public async Task Seed003_FullAccess_Deactivate_Activate_Delete(string store)
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
        await (await user.Client.PutAccessAsync(org, admin.MemberId, Grants(), fullAccess: false, version: adminVersion)).ExpectProblemAsync(HttpStatusCode.Forbidden, "full_access_requires_full_access");

        await (await admin.Client.DeleteAsync(MembersApi.Path(org, $"/{other.MemberId}"))).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(new[] { admin.MemberId, user.MemberId }.ToHashSet(), (await admin.Client.AllRowsAsync(org)).Ids().ToHashSet());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberDeactivated)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberReactivated)));
    }

    // ---- Seed 004: workspaces ----

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_ProjectAdmin_AddsOnlyExistingMembers_ToOwnProjects(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var tunnel = await app.CreateScopeAsync(org, "Tunnel");
        var workspaceAdmin = await app.SeedMemberAsync(org, MembersApi.Email("wsa"), [At("workspace_admin")]);
        var projectAdmin = await app.SeedMemberAsync(org, MembersApi.Email("pa"), [At("project_admin", bridge)]);
        var existingEmail = MembersApi.Email("x");
        var existing = await app.SeedMemberAsync(org, existingEmail, [At("viewer", tunnel)]);

        var added = await (await projectAdmin.Client.PostAsJsonAsync(MembersApi.Path(org, "/add-to-scope"), new { email = existingEmail.ToUpperInvariant(), scopeId = bridge, roleKey = "editor" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(existing.MemberId, added.GetProperty("memberId").GetGuid());
        Assert.Contains(("editor", (Guid?)bridge), GrantsOf(added));
        Assert.Contains(existing.MemberId, (await projectAdmin.Client.AllRowsAsync(org)).Ids());

        var unknown = await (await projectAdmin.Client.PostAsJsonAsync(MembersApi.Path(org, "/add-to-scope"), new { email = MembersApi.Email("new"), scopeId = bridge, roleKey = "viewer" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "invitation_required");
        Assert.Contains("invite", unknown.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await (await projectAdmin.Client.PostAsJsonAsync(MembersApi.Path(org, $"/{existing.MemberId}/scopes"), new { scopeId = tunnel, roleKey = "editor" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await projectAdmin.Client.PostAsJsonAsync(MembersApi.Path(org, $"/{workspaceAdmin.MemberId}/scopes"), new { scopeId = bridge, roleKey = "viewer" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "already_has_access");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberAddedToScope)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_WorkspaceAdmin_NotEditableByProjectAdmin(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var workspaceAdmin = await app.SeedMemberAsync(org, MembersApi.Email("wsa"), [At("workspace_admin")]);
        var projectAdmin = await app.SeedMemberAsync(org, MembersApi.Email("pa"), [At("project_admin", bridge)]);
        var version = (await app.Operator.MemberAsync(org, workspaceAdmin.MemberId)).GetProperty("version").GetInt32();

        await (await projectAdmin.Client.PutAccessAsync(org, workspaceAdmin.MemberId, Grants(("workspace_admin", null), ("viewer", bridge)), version: version))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "member_exceeds_own_access");
        await (await projectAdmin.Client.PutAccessAsync(org, workspaceAdmin.MemberId, Grants(("viewer", bridge)), version: version))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await projectAdmin.Client.PostAsync(MembersApi.Path(org, $"/{workspaceAdmin.MemberId}/deactivate"), null))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Equal([("workspace_admin", (Guid?)null)], GrantsOf(await app.Operator.MemberAsync(org, workspaceAdmin.MemberId)));
        // And the workspace admin edits the project admin freely.
        var row = await workspaceAdmin.Client.MemberAsync(org, projectAdmin.MemberId);
        Assert.Contains(bridge, row.GetProperty("capabilities").GetProperty("editableTargets").EnumerateArray()
            .Where(e => e.ValueKind != JsonValueKind.Null).Select(e => e.GetGuid()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Seed004_DeactivationFreesSeat_ReactivationWithoutFreeSeatRefused(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus", seatLimit: 2);
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var workspaceAdmin = await app.SeedMemberAsync(org, MembersApi.Email("wsa"), [At("workspace_admin")]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("u"), [At("editor", bridge)]);
        async Task<int> UsedAsync() => (await (await app.Operator.GetAsync($"/api/v1/organizations/{org}/seats")).ExpectAsync(HttpStatusCode.OK)).GetProperty("used").GetInt32();
        Assert.Equal(2, await UsedAsync());

        await (await workspaceAdmin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await UsedAsync());

        await app.SeedMemberAsync(org, MembersApi.Email("late"), [At("viewer", bridge)]);
        Assert.Equal(2, await UsedAsync());
        await (await workspaceAdmin.Client.PostAsync(MembersApi.Path(org, $"/{user.MemberId}/reactivate"), null)).ExpectProblemAsync(HttpStatusCode.Conflict, "seat_limit_reached");
        Assert.Equal("deactivated", (await workspaceAdmin.Client.MemberAsync(org, user.MemberId)).GetProperty("status").GetString());
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberReactivated)));
    }
}
