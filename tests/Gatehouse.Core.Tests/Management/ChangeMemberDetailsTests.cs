using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 003, "Edit — change details": who may change another person's name and phone.</summary>
public class ChangeMemberDetailsTests
{
    private static Decision Change(OrganizationFixture org, Actor actor, Member member) =>
        ChangeMemberDetails.Evaluate(org.Compiled, actor, new ChangeMemberDetailsRequest(member.Id));

    [Fact]
    public void Administrator_ChangingATechniciansDetails_IsAllowed()
    {
        var site = new Facilities();
        var administrator = site.Org.AddMember("Ada Administrator", [new GrantSpec("administrator", null)]);
        var viewers = site.Org.AddRole("Technician", "facilities.view");
        var tech = site.Org.AddMember("Tess Tech", [new GrantSpec(viewers.Key, site.North)]);

        var decision = Change(site.Org, OrganizationFixture.As(administrator), tech);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(MemberCapabilities.Evaluate(site.Org.Compiled, OrganizationFixture.As(administrator), tech.Id).ChangeDetails);
    }

    [Fact]
    public void WithoutMembersAssign_ChangingDetails_IsRefusedAsMissingPermission()
    {
        var site = new Facilities();
        var viewers = site.Org.AddRole("User viewer", "members.view", "members.deactivate");
        var viewer = site.Org.AddMember("Vic Viewer", [new GrantSpec(viewers.Key, null)]);
        var tech = site.Org.AddMember("Tess Tech");

        Assert.Equal(ManagementCodes.MissingPermission, Change(site.Org, OrganizationFixture.As(viewer), tech).Code);
        Assert.False(MemberCapabilities.Evaluate(site.Org.Compiled, OrganizationFixture.As(viewer), tech.Id).ChangeDetails);
    }

    [Fact]
    public void FacilityAdministrator_ChangingSomeoneWhoAlsoWorksElsewhere_IsRefused()
    {
        var site = new Facilities();
        var northAdministrator = site.Org.AddMember("Nils North", [new GrantSpec("administrator", site.North)]);
        var viewers = site.Org.AddRole("Technician", "facilities.view");
        var both = site.Org.AddMember("Bo Both", [new GrantSpec(viewers.Key, site.North), new GrantSpec(viewers.Key, site.South)]);
        var northOnly = site.Org.AddMember("Nora Only", [new GrantSpec(viewers.Key, site.North)]);

        Assert.Equal(ManagementCodes.MissingPermission, Change(site.Org, OrganizationFixture.As(northAdministrator), both).Code);
        Assert.True(Change(site.Org, OrganizationFixture.As(northAdministrator), northOnly).IsAllowed);
    }

    [Fact]
    public void ChangingSomeoneWithMoreAccess_IsRefused()
    {
        var site = new Facilities();
        var managers = site.Org.AddRole("User manager", "members.view", "members.assign");
        var manager = site.Org.AddMember("Mia Manager", [new GrantSpec(managers.Key, null)]);
        var administrator = site.Org.AddMember("Ada Administrator", [new GrantSpec("administrator", null)]);

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, Change(site.Org, OrganizationFixture.As(manager), administrator).Code);
    }

    [Fact]
    public void ChangingSomeoneManagedByProvisioning_IsRefused()
    {
        var site = new Facilities();
        var synced = site.Org.AddMember("Sam Synced", managedBy: ManagedBy.External);

        var decision = Change(site.Org, OrganizationFixture.As(site.Owner), synced);

        Assert.Equal(ManagementCodes.ManagedExternally, decision.Code);
        Assert.False(MemberCapabilities.Evaluate(site.Org.Compiled, OrganizationFixture.As(site.Owner), synced.Id).ChangeDetails);
    }

    [Fact]
    public void ChangingAProtectedRoleHolder_IsRefusedForAnAdmin_AndAllowedForAnOwner()
    {
        var workspace = new Workspace();
        var other = workspace.Org.AddMember("Wes Admin", [new GrantSpec("workspace_admin", null)]);

        Assert.Equal(ManagementCodes.ProtectedRole, Change(workspace.Org, workspace.AsAdmin, other).Code);
        Assert.True(Change(workspace.Org, OrganizationFixture.As(workspace.Owner), other).IsAllowed);
    }

    [Fact]
    public void ChangingAnOwner_IsLeftToOwners()
    {
        var site = new Facilities();
        var administrator = site.Org.AddMember("Ada Administrator", [new GrantSpec("administrator", null)], fullAccess: true);

        Assert.Equal(ManagementCodes.OwnerProtected, Change(site.Org, OrganizationFixture.As(administrator), site.Owner).Code);
    }
}
