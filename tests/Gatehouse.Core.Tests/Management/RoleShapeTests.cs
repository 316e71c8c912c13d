using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Roles must exist, be grantable at that kind of target, and follow the one-role and inline-role policies.</summary>
public class RoleShapeTests
{
    [Fact]
    public void Assign_UnknownRole_IsInvalid()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(acme.AlphaMember.Id, At("superuser", acme.Beta)));

        Assert.Equal(ManagementCodes.RoleNotFound, decision.Code);
        Assert.Equal(Refusal.Invalid, decision.Refusal);
    }

    [Fact]
    public void Assign_OrganizationOnlyRoleOnAProject_IsRefusedAsNotGrantableThere()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.Assign(workspace.AsAdmin, new AssignGrantRequest(workspace.Viewer.Id, At("workspace_admin", workspace.Apollo)));

        Assert.Equal(ManagementCodes.RoleNotGrantableHere, decision.Code);
        Assert.Equal("'Workspace admin' can only be given on the workspace as a whole, not on one project.", decision.Error!.Message);
    }

    [Fact]
    public void Assign_ProjectOnlyRoleOnTheWorkspace_IsRefusedAsNotGrantableThere()
    {
        var workspace = new Workspace();

        var decision = workspace.Org.Assign(workspace.AsAdmin, new AssignGrantRequest(workspace.Viewer.Id, At("project_admin", null)));

        Assert.Equal(ManagementCodes.RoleNotGrantableHere, decision.Code);
    }

    [Fact]
    public void OneRolePerMember_InviteWithTwoRoles_AssignASecond_AndRemoveTheOnly_AreRefused()
    {
        var account = new MobilityAccount();

        Assert.Equal(ManagementCodes.OneRolePerMember, account.Org.Invite(account.AsAdmin, new InviteRequest("x@example.com", [At("admin", null), At("read_only", null)])).Code);
        Assert.Equal(ManagementCodes.OneRolePerMember, account.Org.Invite(account.AsAdmin, new InviteRequest("x@example.com", [])).Code);
        Assert.Equal(ManagementCodes.OneRolePerMember, account.Org.Remove(account.AsAdmin, new RemoveGrantRequest(account.Reader.Id, At("read_only", null))).Code);
        var inline = OrganizationFixture.NewInlineRole("claims.edit");
        Assert.Equal(ManagementCodes.OneRolePerMember, account.Org.Assign(account.AsAdmin, new AssignGrantRequest(account.Reader.Id, At(inline.Key, null), inline)).Code);
    }

    [Fact]
    public void InlineRole_WhenTheModelHasNone_IsRefused()
    {
        var acme = new Acme();
        var inline = OrganizationFixture.NewInlineRole("projects.view");

        var decision = acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(acme.AlphaMember.Id, At(inline.Key, acme.Beta), inline));

        Assert.Equal(ManagementCodes.InlineRolesDisabled, decision.Code);
    }

    [Fact]
    public void InlineRole_OfAnotherMember_CannotBeReused()
    {
        var account = new MobilityAccount();
        var inline = OrganizationFixture.NewInlineRole("claims.view", "claims.edit");
        account.Org.Change(account.AsAdmin, new ChangeGrantRequest(account.Reader.Id, At("read_only", null), At(inline.Key, null), inline));
        var other = account.Org.AddMember("Otis Other", [At("read_only", null)]);

        var decision = account.Org.Change(account.AsAdmin, new ChangeGrantRequest(other.Id, At("read_only", null), At(inline.Key, null)));

        Assert.Equal(ManagementCodes.InlineRoleNotReusable, decision.Code);
    }

    [Fact]
    public void InlineRole_WithUnknownPermission_IsInvalid()
    {
        var account = new MobilityAccount();
        var inline = OrganizationFixture.NewInlineRole("rockets.launch");

        var decision = account.Org.Change(account.AsAdmin, new ChangeGrantRequest(account.Reader.Id, At("read_only", null), At(inline.Key, null), inline));

        Assert.Equal(ManagementCodes.UnknownPermission, decision.Code);
    }
}
