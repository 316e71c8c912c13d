using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.WorkshopMarket;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 001, organizational users: access to all existing and future workshops, basic or manager.</summary>
public class Seed001Tests
{
    [Fact]
    public void Seed001_OrganizationalUser_HasAccessToWorkshopCreatedAfterTheGrant()
    {
        var market = new WorkshopMarket();
        var organisational = market.Org.AddMember("Otto Org-Basic", [Basic(null)]);

        var odense = market.Org.AddScope("Odense");

        var compiled = market.Org.Compiled;
        var viewVehicles = market.Org.Model.Catalog.Resolve("vehicles.view");
        Assert.True(compiled.Check(organisational.UserId, viewVehicles, odense, null, TimeProvider.System));
        Assert.False(compiled.Check(market.BasicA.UserId, viewVehicles, odense, null, TimeProvider.System));
    }

    [Fact]
    public void Seed001_OnlyOrganizationalManager_InvitesOrganizationalUser()
    {
        var market = new WorkshopMarket();

        var byWorkshopManager = market.Org.Invite(As(market.ManagerAB), new InviteRequest("lead@example.com", [Manager(null)]));
        var byOrganisationalManager = market.Org.Invite(As(market.OrganisationalManager), new InviteRequest("lead@example.com", [Manager(null)]));

        Assert.Equal($"You need the '{TestModels.Workshops.LabelOf("members.invite")}' permission in the organisation; ask someone with the role 'Manager rights' there.", byWorkshopManager.Error!.Message);
        Assert.True(byOrganisationalManager.IsAllowed, byOrganisationalManager.ToString());
        Assert.Equal([Manager(null)], market.Org.InvitationFor("lead@example.com").Grants);
    }

    [Fact]
    public void Seed001_OrganizationalBasicUser_CannotInviteOrganizationalUsers()
    {
        var market = new WorkshopMarket();
        var organisationalBasic = market.Org.AddMember("Otto Org-Basic", [Basic(null)]);

        var decision = market.Org.Invite(As(organisationalBasic), new InviteRequest("lead@example.com", [Basic(null)]));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
    }

    [Fact]
    public void Seed001_WorkshopManager_CannotDemoteOrganizationalManager()
    {
        var market = new WorkshopMarket();
        var manager = As(market.ManagerAB);
        var target = market.OrganisationalManager;

        Assert.Equal(ManagementCodes.MissingPermission, market.Org.Change(manager, new ChangeGrantRequest(target.Id, Manager(null), Basic(null))).Code);
        Assert.Equal(ManagementCodes.MissingPermission, market.Org.Replace(manager, new ReplaceAccessRequest(target.Id, [Basic(market.A)], FullAccess: false)).Code);
        Assert.Equal(ManagementCodes.AccessInherited, market.Org.RemoveFromScope(manager, target.Id, market.A).Code);
        Assert.Equal([Manager(null)], market.Org.GrantsOf(target));
    }

    [Fact]
    public void Seed001_WorkshopManager_TakesBackAnOrganizationalUsersRoleOnlyInOwnWorkshop()
    {
        var market = new WorkshopMarket();
        var basicEverywhereManagerOfC = market.Org.AddMember("Una Upper", [Basic(null), Manager(market.C)]);
        market.Org.Assign(As(market.Owner), new AssignGrantRequest(basicEverywhereManagerOfC.Id, Manager(market.A)));

        var decision = market.Org.RemoveFromScope(As(market.ManagerAB), basicEverywhereManagerOfC.Id, market.A);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal(ManagementCodes.MissingPermission, market.Org.RemoveFromScope(As(market.ManagerAB), basicEverywhereManagerOfC.Id, market.C).Code);
    }

    [Fact]
    public void Seed001_ConvertWorkshopUserToOrganizationalUser()
    {
        var market = new WorkshopMarket();
        var workshopUser = market.Org.AddMember("Wil Workshop", [Basic(market.A), Basic(market.B)]);

        var byWorkshopManager = market.Org.Replace(As(market.ManagerAB), new ReplaceAccessRequest(workshopUser.Id, [Basic(null)], FullAccess: false));
        var byOrganisationalManager = market.Org.Replace(As(market.OrganisationalManager), new ReplaceAccessRequest(workshopUser.Id, [Basic(null)], FullAccess: false));

        Assert.Equal(ManagementCodes.MissingPermission, byWorkshopManager.Code);
        Assert.True(byOrganisationalManager.IsAllowed, byOrganisationalManager.ToString());
        Assert.Equal([Basic(null)], market.Org.GrantsOf(workshopUser));
        Assert.True(market.Org.Holds(workshopUser, "vehicles.view", market.C));
    }

    [Fact]
    public void Seed001_LeadWithoutOrganizationalManager_IsMadeOneByProductSupport()
    {
        var market = new WorkshopMarket();
        market.Org.RemoveMember(As(market.Owner), market.OrganisationalManager);

        var decision = market.Org.Assign(market.Deployment.Operator, new AssignGrantRequest(market.ManagerAB.Id, Manager(null)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(market.Org.Holds(market.ManagerAB, "members.invite", null));
    }
}
