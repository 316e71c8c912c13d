using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 003, facility maintenance: permission groups, facility assignments, full access, user actions.</summary>
public class Seed003Tests
{
    [Fact]
    public void Seed003_FullAccess_OnlyGivenByFullAccessOrOwner()
    {
        var site = new Facilities();
        var administrator = site.Org.AddMember("Ada Administrator", [new GrantSpec("administrator", null)]);
        var tech = site.Org.AddMember("Tess Tech", [new GrantSpec("administrator", site.North)]);

        var byAdministrator = site.Org.ChangeFullAccess(OrganizationFixture.As(administrator), tech, true);
        var inviteByAdministrator = site.Org.Invite(OrganizationFixture.As(administrator), new InviteRequest("boss@example.com", [], FullAccess: true));
        var byOwner = site.Org.ChangeFullAccess(OrganizationFixture.As(site.Owner), tech, true);
        var byFullAccessMember = site.Org.ChangeFullAccess(OrganizationFixture.As(tech), administrator, true);

        Assert.Equal("Full access can only be given or taken away by a member with full access or an owner; ask one of them.", byAdministrator.Error!.Message);
        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, inviteByAdministrator.Code);
        Assert.True(byOwner.IsAllowed, byOwner.ToString());
        Assert.True(byFullAccessMember.IsAllowed, byFullAccessMember.ToString());
    }

    [Fact]
    public void Seed003_FacilityAssignments_LimitWhereGroupsApply()
    {
        var site = new Facilities();
        var storeManagers = site.Org.AddRole("Store Manager", "work_orders.view", "work_orders.create", "members.view", "members.invite", "members.assign");
        var storeManager = site.Org.AddMember("Stan Store", [new GrantSpec(storeManagers.Key, site.North)]);
        var technicians = site.Org.AddRole("Technician", "work_orders.view");

        Assert.True(site.Org.Holds(storeManager, "work_orders.create", site.North));
        Assert.False(site.Org.Holds(storeManager, "work_orders.create", site.South));
        Assert.True(site.Org.Invite(OrganizationFixture.As(storeManager), new InviteRequest("t1@example.com", [new GrantSpec(technicians.Key, site.North)])).IsAllowed);
        Assert.Equal(ManagementCodes.MissingPermission, site.Org.Invite(OrganizationFixture.As(storeManager), new InviteRequest("t2@example.com", [new GrantSpec(technicians.Key, site.South)])).Code);
    }

    [Fact]
    public void Seed003_ViewOwnWorkOrders()
    {
        var site = new Facilities();
        var ownOnly = site.Org.AddRole("Contractor", "work_orders.view_own");
        var contractor = site.Org.AddMember("Cody Contractor", [new GrantSpec(ownOnly.Key, site.North)]);
        var someoneElse = site.Org.AddMember("Sue Else");
        var compiled = site.Org.Compiled;
        var view = site.Org.Model.Catalog.Resolve("work_orders.view");

        Assert.True(compiled.Check(contractor.UserId, view, site.North, contractor.UserId, TimeProvider.System));
        Assert.False(compiled.Check(contractor.UserId, view, site.North, someoneElse.UserId, TimeProvider.System));
        Assert.False(compiled.Check(contractor.UserId, view, site.South, contractor.UserId, TimeProvider.System));
    }

    [Fact]
    public void Seed003_AdministratorCreatesPermissionGroup_AndAssignsSeveralGroups()
    {
        var site = new Facilities();
        var administrator = site.Org.AddMember("Ada Administrator", [new GrantSpec("administrator", null)]);
        var actor = OrganizationFixture.As(administrator);

        Assert.True(site.Org.CreateRole(actor, new CreateRoleRequest("Technician", ["work_orders.view", "work_orders.edit"])).IsAllowed);
        Assert.True(site.Org.CreateRole(actor, new CreateRoleRequest("Reporter", ["reports.view"])).IsAllowed);
        var groups = site.Org.Compiled.Roles.Where(r => r.Name is "Technician" or "Reporter").Select(r => new GrantSpec(r.Key, null)).ToList();
        var invited = site.Org.Invite(actor, new InviteRequest("multi@example.com", groups));

        Assert.True(invited.IsAllowed, invited.ToString());
        Assert.Equal(2, site.Org.InvitationFor("multi@example.com").Grants.Count);
    }

    [Fact]
    public void Seed003_DeactivateThenActivate_RestoresTheUsersAccess()
    {
        var site = new Facilities();
        var tech = site.Org.AddMember("Tess Tech", [new GrantSpec("administrator", site.North)]);
        var owner = OrganizationFixture.As(site.Owner);
        var view = site.Org.Model.Catalog.Resolve("facilities.view");

        Assert.True(site.Org.Deactivate(owner, tech).IsAllowed);
        Assert.False(site.Org.Compiled.Check(tech.UserId, view, site.North, null, TimeProvider.System));
        Assert.True(site.Org.Reactivate(owner, tech).IsAllowed);
        Assert.True(site.Org.Compiled.Check(tech.UserId, view, site.North, null, TimeProvider.System));
    }

    [Fact]
    public void Seed003_RegenerateInvite_AfterTheOriginalExpired()
    {
        var site = new Facilities();
        var owner = OrganizationFixture.As(site.Owner);
        site.Org.Invite(owner, new InviteRequest("late@example.com", [new GrantSpec("administrator", site.South)]));
        var invitation = site.Org.InvitationFor("late@example.com");
        site.Deployment.Now += TimeSpan.FromDays(8);

        Assert.Equal(InvitationStatus.Expired, invitation.StatusAt(site.Deployment.Now));
        Assert.True(site.Org.Resend(owner, invitation).IsAllowed);
        Assert.True(site.Org.Accept(invitation, "Lee Late").Succeeded);
    }

    [Fact]
    public void Seed003_DeleteUser_ErasesAnAccountThatBelongsToThisOrganizationAlone()
    {
        var site = new Facilities();
        var tech = site.Org.AddMember("Tess Tech", [new GrantSpec("administrator", site.North)]);
        var northAdministrator = site.Org.AddMember("Nils North", [new GrantSpec("administrator", site.North)]);

        Assert.Equal(ManagementCodes.MissingPermission, site.Org.DeleteAccount(OrganizationFixture.As(tech), site.Owner.UserId).Code);
        Assert.True(site.Org.DeleteAccount(OrganizationFixture.As(northAdministrator), tech.UserId).IsAllowed);
        Assert.DoesNotContain(site.Deployment.Users, u => u.Id == tech.UserId);
    }
}
