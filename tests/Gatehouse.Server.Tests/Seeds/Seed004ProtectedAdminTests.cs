using System.Net;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 004: "A Workspace admin user cannot be edited" — only an owner or product support changes a workspace admin.</summary>
public sealed class Seed004ProtectedAdminTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkspaceAdmin_CannotChangeDeactivateOrRemoveAnother_OwnerCan(string store)
    {
        var app = await servers.GetAsync(store, "workspaces");
        var org = await app.CreateOrganizationAsync("Titanus");
        var bridge = await app.CreateScopeAsync(org, "Bridge");
        var owner = await app.SeedMemberAsync(org, MembersApi.Email("owner"), [At("workspace_admin")], owner: true);
        var walt = await app.SeedMemberAsync(org, MembersApi.Email("walt"), [At("workspace_admin")], firstName: "Walt", lastName: "Admin");
        var wes = await app.SeedMemberAsync(org, MembersApi.Email("wes"), [At("workspace_admin")]);
        var version = (await wes.Client.MemberAsync(org, walt.MemberId)).GetProperty("version").GetInt32();

        var refused = await (await wes.Client.PutAccessAsync(org, walt.MemberId, Grants(("project_admin", bridge)), version: version))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "protected_role");
        Assert.Equal("Walt Admin holds the role 'Workspace admin', which only an owner of this workspace or product support can change; ask an owner to change their access, deactivate or remove them.",
            refused.GetProperty("detail").GetString());
        await (await wes.Client.PostAsync(MembersApi.Path(org, $"/{walt.MemberId}/deactivate"), null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "protected_role");
        await (await wes.Client.DeleteAsync(MembersApi.Path(org, $"/{walt.MemberId}"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "protected_role");
        var row = await wes.Client.MemberAsync(org, walt.MemberId);
        Assert.Equal([("workspace_admin", (Guid?)null)], GrantsOf(row));
        Assert.Equal("active", row.GetProperty("status").GetString());
        var capabilities = row.GetProperty("capabilities");
        Assert.False(capabilities.GetProperty("editAccess").GetBoolean() || capabilities.GetProperty("deactivate").GetBoolean() || capabilities.GetProperty("remove").GetBoolean());

        var demoted = await (await owner.Client.PutAccessAsync(org, walt.MemberId, Grants(("project_admin", bridge)), version: version)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([("project_admin", (Guid?)bridge)], GrantsOf(demoted));
        // No longer a workspace admin, Walt is a project user whom Wes manages again.
        await (await wes.Client.PostAsync(MembersApi.Path(org, $"/{walt.MemberId}/deactivate"), null)).ExpectAsync(HttpStatusCode.OK);
    }
}
