using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 004, GROW workspaces: workspace admins manage everything; project admins only edit existing users on their projects.</summary>
public class Seed004Tests
{
    [Fact]
    public void Seed004_ProjectAdmin_AddingUnknownEmail_IsToldWhoCanInvite()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.AddToScope(workspace.AsApolloAdmin, "stranger@example.com", new GrantSpec("contributor", workspace.Apollo));

        Assert.Equal(ManagementCodes.InvitationRequired, decision.Code);
        Assert.Equal("stranger@example.com is not a member of this workspace yet; someone who may invite people must invite them first: ask someone with the role 'Workspace admin' in the workspace.", decision.Error!.Message);
    }

    [Fact]
    public void Seed004_ProjectAdmin_CannotInviteABrandNewUser()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.Invite(workspace.AsApolloAdmin, new InviteRequest("new@example.com", [new GrantSpec("viewer", workspace.Apollo)]));

        Assert.Equal($"You need the '{TestModels.Workspaces.LabelOf("members.invite")}' permission in project Apollo; ask someone with the role 'Workspace admin' in the workspace.", decision.Error!.Message);
    }

    [Fact]
    public void Seed004_ProjectAdmin_CannotEditWorkspaceAdmin()
    {
        var workspace = new Workspace();
        var admin = workspace.Org.AddMember("Walt Admin-Too", [new GrantSpec("workspace_admin", null), new GrantSpec("project_admin", workspace.Apollo)]);

        var removeProjectRole = workspace.Org.RemoveFromScope(workspace.AsApolloAdmin, admin.Id, workspace.Apollo);
        var demote = workspace.Org.Change(workspace.AsApolloAdmin, new ChangeGrantRequest(admin.Id, new GrantSpec("workspace_admin", null), new GrantSpec("viewer", workspace.Apollo)));
        var capabilities = MemberCapabilities.Evaluate(workspace.Org.Compiled, workspace.AsApolloAdmin, admin.Id);

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, removeProjectRole.Code);
        Assert.StartsWith("You cannot change Walt Admin-Too's access in project Apollo", removeProjectRole.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ManagementCodes.MissingPermission, demote.Code);
        CapabilityAssert.NothingAllowed(capabilities);
    }

    [Fact]
    public void Seed004_ProjectAdmin_AddsExistingMemberToOwnProjectOnly()
    {
        var workspace = new Workspace();
        var email = workspace.EmailOf(workspace.Viewer);

        var ownProject = workspace.Org.AddToScope(workspace.AsApolloAdmin, email, new GrantSpec("contributor", workspace.Apollo));
        var otherProject = workspace.Org.AddToScope(workspace.AsApolloAdmin, email, new GrantSpec("editor", workspace.Gemini));

        Assert.True(ownProject.IsAllowed, ownProject.ToString());
        Assert.Equal(ManagementCodes.MissingPermission, otherProject.Code);
        Assert.Equal([new GrantSpec("viewer", workspace.Gemini), new GrantSpec("contributor", workspace.Apollo)], workspace.Org.GrantsOf(workspace.Viewer));
    }

    [Fact]
    public void Seed004_ProjectAdmin_ChangesRoleAndRemovesFromOwnProject()
    {
        var workspace = new Workspace();
        var member = workspace.Org.AddMember("Cleo Contributor", [new GrantSpec("contributor", workspace.Apollo), new GrantSpec("viewer", workspace.Gemini)]);

        Assert.True(workspace.Org.Change(workspace.AsApolloAdmin, new ChangeGrantRequest(member.Id, new GrantSpec("contributor", workspace.Apollo), new GrantSpec("editor", workspace.Apollo))).IsAllowed);
        Assert.True(workspace.Org.RemoveFromScope(workspace.AsApolloAdmin, member.Id, workspace.Apollo).IsAllowed);
        Assert.Equal([new GrantSpec("viewer", workspace.Gemini)], workspace.Org.GrantsOf(member));
    }

    [Fact]
    public void Seed004_MemberAlreadyWorkspaceAdmin_NeedsNoProjectAccess()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.AddToScope(workspace.AsApolloAdmin, workspace.EmailOf(workspace.Admin), new GrantSpec("viewer", workspace.Apollo));

        Assert.Equal(ManagementCodes.AlreadyHasAccess, decision.Code);
        Assert.Equal("Walt Admin already has that access in project Apollo through a role in the workspace; there is nothing to add.", decision.Error!.Message);
    }

    [Fact]
    public void Seed004_OnlyWorkspaceAdmin_Deactivates()
    {
        var workspace = new Workspace();
        var member = workspace.Org.AddMember("Cleo Contributor", [new GrantSpec("contributor", workspace.Apollo)]);

        var byProjectAdmin = workspace.Org.Deactivate(workspace.AsApolloAdmin, member);
        var byWorkspaceAdmin = workspace.Org.Deactivate(workspace.AsAdmin, member);

        Assert.Equal($"You need the '{TestModels.Workspaces.LabelOf("members.deactivate")}' permission in project Apollo; ask someone with the role 'Workspace admin' in the workspace.", byProjectAdmin.Error!.Message);
        Assert.True(byWorkspaceAdmin.IsAllowed, byWorkspaceAdmin.ToString());
        Assert.True(workspace.Org.Reactivate(workspace.AsAdmin, member).IsAllowed);
    }

    [Fact]
    public void Seed004_WorkspaceAdmin_InvitesWithDifferentRolesPerProject()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("pm@example.com", [new GrantSpec("editor", workspace.Apollo), new GrantSpec("viewer", workspace.Gemini)]));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(workspace.Org.Accept(workspace.Org.InvitationFor("pm@example.com"), "Pam Manager").Succeeded);
    }
}
