using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.WorkshopMarket;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seed 000, ConnectedWorkshop user management: manager and basic rights per workshop.</summary>
public class Seed000Tests
{
    [Fact]
    public void Seed000_ManagerOfAandB_RevokesInvitationCoveringAandB()
    {
        var market = new WorkshopMarket();
        market.Org.Invite(As(market.OrganisationalManager), new InviteRequest("tech@example.com", [Basic(market.A), Basic(market.B)]));
        var invitation = market.Org.InvitationFor("tech@example.com");

        var decision = market.Org.Revoke(As(market.ManagerAB), invitation);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal(InvitationStatus.Revoked, invitation.Status);
    }

    [Fact]
    public void Seed000_ManagerOfAandB_CannotRevokeInvitationCoveringAandC()
    {
        var market = new WorkshopMarket();
        market.Org.Invite(As(market.OrganisationalManager), new InviteRequest("tech@example.com", [Basic(market.A), Basic(market.C)]));
        var invitation = market.Org.InvitationFor("tech@example.com");

        var decision = market.Org.Revoke(As(market.ManagerAB), invitation);

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Equal($"You need the '{TestModels.Workshops.LabelOf("members.invite")}' permission in workshop Copenhagen; ask someone with the role 'Manager rights' there.", decision.Error!.Message);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
    }

    [Fact]
    public void Seed000_BasicUser_CapabilitiesAreAllFalse()
    {
        var market = new WorkshopMarket();
        market.Org.Invite(As(market.ManagerAB), new InviteRequest("tech@example.com", [Basic(market.A)]));
        var compiled = market.Org.Compiled;
        var basic = As(market.BasicA);

        foreach (var member in market.Org.Members)
        {
            CapabilityAssert.NothingAllowed(MemberCapabilities.Evaluate(compiled, basic, member.Id));
        }
        CapabilityAssert.NothingAllowed(InvitationCapabilities.Evaluate(compiled, basic, market.Org.InvitationFor("tech@example.com")));
        CapabilityAssert.NothingAllowed(OrganizationCapabilities.Evaluate(compiled, basic));
    }

    [Fact]
    public void Seed000_ManagerInvitesOnlyToOwnWorkshops()
    {
        var market = new WorkshopMarket();

        var own = market.Org.Invite(As(market.ManagerAB), new InviteRequest("a@example.com", [Manager(market.A), Basic(market.B)]));
        var other = market.Org.Invite(As(market.ManagerAB), new InviteRequest("c@example.com", [Basic(market.C)]));

        Assert.True(own.IsAllowed, own.ToString());
        Assert.Equal($"You need the '{TestModels.Workshops.LabelOf("members.invite")}' permission in workshop Copenhagen; ask someone with the role 'Manager rights' there.", other.Error!.Message);
        Assert.Single(market.Org.Invitations);
    }

    [Fact]
    public void Seed000_RemovingFromWorkshop_KeepsTheAccount()
    {
        var market = new WorkshopMarket();

        var decision = market.Org.RemoveFromScope(As(market.ManagerAB), market.BasicA.Id, market.A);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(market.Org.Held(market.BasicA, market.A).IsEmpty);
        Assert.Contains(market.Deployment.Users, u => u.Id == market.BasicA.UserId);
        Assert.Contains(market.Org.Members, m => m.Id == market.BasicA.Id);
    }

    [Fact]
    public void Seed000_ManagerUpdatesAccessRights_InOwnWorkshop()
    {
        var market = new WorkshopMarket();

        var decision = market.Org.Change(As(market.ManagerAB), new ChangeGrantRequest(market.BasicA.Id, Basic(market.A), Manager(market.A)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(market.Org.Holds(market.BasicA, "members.invite", market.A));
        Assert.False(market.Org.Holds(market.BasicA, "members.invite", market.B));
    }

    [Fact]
    public void Seed000_BasicUser_ChangingAccess_IsToldToAskAWorkshopManager()
    {
        var market = new WorkshopMarket();
        var colleague = market.Org.AddMember("Cai Colleague", [Basic(market.A)]);

        var decision = market.Org.RemoveFromScope(As(market.BasicA), colleague.Id, market.A);

        Assert.Equal($"You need the '{TestModels.Workshops.LabelOf("members.assign")}' permission in workshop Aarhus; ask someone with the role 'Manager rights' there.", decision.Error!.Message);
    }

    [Fact]
    public void Seed000_CheckMarks_AreEditableOnlyForWorkshopsTheViewerManages()
    {
        var market = new WorkshopMarket();
        var spread = market.Org.AddMember("Sia Spread", [Basic(market.A), Basic(market.C)]);

        var capabilities = MemberCapabilities.Evaluate(market.Org.Compiled, As(market.ManagerAB), spread.Id);

        Assert.Equal([market.A, market.B], capabilities.EditableTargets);
        Assert.Equal([market.A], capabilities.RemovableFromScopes);
    }

    [Fact]
    public void Seed000_PermanentDeletion_IsHandledByProductSupport()
    {
        var market = new WorkshopMarket();

        Assert.Equal(ManagementCodes.AccountDeletionNotAllowed, market.Org.DeleteAccount(As(market.Owner), market.BasicA.UserId).Code);
        Assert.True(market.Org.DeleteAccount(market.Deployment.Operator, market.BasicA.UserId).IsAllowed);
    }

    [Fact]
    public void Seed000_OrganisationalUser_IsNotManagedByWorkshopManagers()
    {
        var market = new WorkshopMarket();
        var organisationalBasic = market.Org.AddMember("Otto Org-Basic", [Basic(null)]);

        var decision = market.Org.Remove(As(market.ManagerAB), new RemoveGrantRequest(organisationalBasic.Id, Basic(null)));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Contains("in the organisation", decision.Error!.Message, StringComparison.Ordinal);
    }
}
