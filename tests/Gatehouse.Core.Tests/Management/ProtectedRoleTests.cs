using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model.Loading;
using Gatehouse.Core.Tests.Model;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 004: "A Workspace admin user cannot be edited" — a protected role's holders change only by owners and product support.</summary>
public class ProtectedRoleTests
{
    private static readonly GrantSpec WorkspaceAdmin = new("workspace_admin", null);

    [Fact]
    public void WorkspacesPreset_MarksOnlyTheWorkspaceAdminProtected()
    {
        Assert.Equal(["workspace_admin"], TestModels.Workspaces.Roles.Where(r => r.Protected).Select(r => r.Key));
        Assert.All(TestModels.All.Where(m => m.Name != "workspaces"), m => Assert.DoesNotContain(m.Roles, r => r.Protected));
    }

    [Fact]
    public void Load_RoleMarkedProtected_IsProtected()
    {
        var result = AccessModelLoader.LoadText(SampleModelText.With("    grantableAt: anywhere\n", "    grantableAt: anywhere\n    protected: true\n"), SampleModelText.Source);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.True(result.Model.FindRole("manager")!.Protected);
        Assert.False(result.Model.FindRole("basic")!.Protected);
    }

    [Fact]
    public void WorkspaceAdmin_ChangingAnotherWorkspaceAdmin_IsRefusedForEveryChange_AndNothingChanges()
    {
        var workspace = new Workspace();
        var other = workspace.Org.AddMember("Wes Admin", [WorkspaceAdmin]);

        Decision[] decisions =
        [
            workspace.Org.Replace(workspace.AsAdmin, new ReplaceAccessRequest(other.Id, [new GrantSpec("viewer", workspace.Apollo)], FullAccess: false)),
            workspace.Org.Change(workspace.AsAdmin, new ChangeGrantRequest(other.Id, WorkspaceAdmin, new GrantSpec("project_admin", workspace.Apollo))),
            workspace.Org.Remove(workspace.AsAdmin, new RemoveGrantRequest(other.Id, WorkspaceAdmin)),
            workspace.Org.Deactivate(workspace.AsAdmin, other),
            workspace.Org.RemoveMember(workspace.AsAdmin, other),
        ];

        Assert.All(decisions, d => Assert.Equal(ManagementCodes.ProtectedRole, d.Code));
        Assert.Equal("Wes Admin holds the role 'Workspace admin', which only an owner of this workspace or product support can change; ask an owner to change their access, deactivate or remove them.",
            decisions[0].Error!.Message);
        Assert.Equal([WorkspaceAdmin], workspace.Org.GrantsOf(other));
        Assert.True(workspace.Org.Reload(other).IsActive);
        var capabilities = MemberCapabilities.Evaluate(workspace.Org.Compiled, workspace.AsAdmin, other.Id);
        Assert.False(capabilities.EditAccess || capabilities.Deactivate || capabilities.Remove || capabilities.ChangeFullAccess, capabilities.ToString());
    }

    [Fact]
    public void WorkspaceAdmin_ChangingThemself_IsRefusedToo()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.Replace(workspace.AsAdmin, new ReplaceAccessRequest(workspace.Admin.Id, [new GrantSpec("viewer", workspace.Apollo)], FullAccess: false));

        Assert.Equal(ManagementCodes.ProtectedRole, decision.Code);
    }

    [Fact]
    public void OwnerAndProductSupport_ChangeAWorkspaceAdmin()
    {
        var workspace = new Workspace();
        var other = workspace.Org.AddMember("Wes Admin", [WorkspaceAdmin]);

        var demoted = workspace.Org.Replace(OrganizationFixture.As(workspace.Owner), new ReplaceAccessRequest(workspace.Admin.Id, [new GrantSpec("viewer", workspace.Apollo)], FullAccess: false));
        var deactivated = workspace.Org.Deactivate(workspace.Deployment.Operator, other);

        Assert.True(demoted.IsAllowed, demoted.ToString());
        Assert.Equal([new GrantSpec("viewer", workspace.Apollo)], workspace.Org.GrantsOf(workspace.Admin));
        Assert.True(deactivated.IsAllowed, deactivated.ToString());
        Assert.False(workspace.Org.Reload(other).IsActive);
    }

    [Fact]
    public void WorkspaceAdmin_StillMakesOthersWorkspaceAdmins_AndEditsProjectUsers()
    {
        var workspace = new Workspace();

        var invited = workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("new-admin@example.com", [WorkspaceAdmin]));
        var promoted = workspace.Org.Replace(workspace.AsAdmin, new ReplaceAccessRequest(workspace.Viewer.Id, [WorkspaceAdmin], FullAccess: false));
        var projectAdminEdited = workspace.Org.Replace(workspace.AsAdmin, new ReplaceAccessRequest(workspace.ApolloAdmin.Id, [new GrantSpec("editor", workspace.Apollo)], FullAccess: false));

        Assert.True(invited.IsAllowed, invited.ToString());
        Assert.True(promoted.IsAllowed, promoted.ToString());
        Assert.True(projectAdminEdited.IsAllowed, projectAdminEdited.ToString());
    }
}
