using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: <c>members.assign</c> without <c>members.invite</c> adds only existing members; covered grants already give access.</summary>
public class AddToScopeRulesTests
{
    [Fact]
    public void AddToScope_UnknownEmail_ByActorWhoMayInviteThere_SaysInviteThem()
    {
        var acme = new Acme();

        var decision = acme.Org.AddToScope(acme.As(acme.AlphaManager), "nobody@example.com", At("viewer", acme.Alpha));

        Assert.Equal(ManagementCodes.InvitationRequired, decision.Code);
        Assert.Equal("nobody@example.com is not a member of this organization yet; invite them instead.", decision.Error!.Message);
    }

    [Fact]
    public void AddToScope_EmailOfAUserWhoIsNotAMember_IsTreatedAsUnknown()
    {
        var acme = new Acme();
        var outsider = acme.Deployment.AddOrganization("Other").AddMember("Otto Outsider");
        var email = acme.Deployment.Users.Single(u => u.Id == outsider.UserId).Email;

        var decision = acme.Org.AddToScope(acme.As(acme.AlphaManager), email, At("viewer", acme.Alpha));

        Assert.Equal(ManagementCodes.InvitationRequired, decision.Code);
    }

    [Fact]
    public void AddToScope_WithoutAssignPermissionThere_IsRefusedBeforeSayingWhetherTheEmailIsKnown()
    {
        var acme = new Acme();

        var decision = acme.Org.AddToScope(acme.As(acme.AlphaMember), "nobody@example.com", At("viewer", acme.Alpha));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
    }

    [Fact]
    public void Assign_ARoleAnOrganizationWideGrantAlreadyCovers_AnswersAlreadyHasAccess()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(acme.Admin.Id, At("viewer", acme.Beta)));

        Assert.Equal(ManagementCodes.AlreadyHasAccess, decision.Code);
        Assert.Equal("Adam Admin already has that access in project Beta through a role in the organization; there is nothing to add.", decision.Error!.Message);
    }

    [Fact]
    public void Assign_ARoleAnAncestorScopeGrantAlreadyCovers_AnswersAlreadyHasAccess()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", acme.AlphaLab)));

        Assert.Equal(ManagementCodes.AlreadyHasAccess, decision.Code);
    }

    [Fact]
    public void AddToScope_KnownMember_GetsTheRoleThere()
    {
        var acme = new Acme();
        var email = acme.Deployment.Users.Single(u => u.Id == acme.AlphaMember.UserId).Email;

        var decision = acme.Org.AddToScope(acme.As(acme.Admin), email, At("viewer", acme.Beta));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Contains(At("viewer", acme.Beta), acme.Org.GrantsOf(acme.AlphaMember));
    }
}
