using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 004 (workspaces): a project admin adds only existing members, and only to their own projects, and cannot
/// edit a workspace admin.
/// </summary>
public sealed class Seed004ProjectAdminTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectAdmin_AddsOnlyExistingMembers_ToOwnProjects(string store)
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
        // "The user is already a workspace admin, he does not need specific access to the project he can already see everything."
        var already = await (await projectAdmin.Client.PostAsJsonAsync(MembersApi.Path(org, $"/{workspaceAdmin.MemberId}/scopes"), new { scopeId = bridge, roleKey = "viewer" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "already_has_access");
        Assert.Contains("through a role in the workspace", already.GetProperty("detail").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberAddedToScope)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkspaceAdmin_NotEditableByProjectAdmin(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var workspaceAdmin = await app.SeedMemberAsync(org, MembersApi.Email("wsa"), [At("workspace_admin")]);
        var projectAdmin = await app.SeedMemberAsync(org, MembersApi.Email("pa"), [At("project_admin", bridge)]);
        var version = (await app.Operator.MemberAsync(org, workspaceAdmin.MemberId)).GetProperty("version").GetInt32();

        // The project admin sees the workspace admin (their role reaches the project admin's projects) but changes nothing;
        // the policy's own refusals are in Core's Seed004Tests.
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
}
