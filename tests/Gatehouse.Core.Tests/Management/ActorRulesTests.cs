using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

public class ActorRulesTests
{
    [Fact]
    public void Assign_ByUserWhoIsNotAMember_IsRefusedAsNotAMember()
    {
        var acme = new Acme();
        var stranger = acme.Deployment.AddUser("Sam Stranger");

        var decision = acme.Org.Assign(Actor.Member(stranger.Id), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", acme.Beta)));

        Assert.Equal(ManagementCodes.NotAMember, decision.Code);
        Assert.Equal(Refusal.Forbidden, decision.Refusal);
    }

    [Fact]
    public void Assign_ByDeactivatedAdmin_IsRefusedAsActorDeactivated()
    {
        var acme = new Acme();
        acme.Org.Reload(acme.Admin).Deactivate(acme.Deployment.Now);

        var decision = acme.Org.Assign(acme.As(acme.Admin), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", acme.Beta)));

        Assert.Equal(ManagementCodes.ActorDeactivated, decision.Code);
    }

    [Fact]
    public void Assign_ByPlatformOperator_IsAllowedInAnyOrganization()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.Deployment.Operator, new AssignGrantRequest(acme.AlphaMember.Id, At("admin", null)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Contains(At("admin", null), acme.Org.GrantsOf(acme.AlphaMember));
    }

    [Fact]
    public void Assign_ToMemberOfAnotherOrganization_IsNotFound()
    {
        var acme = new Acme();
        var other = acme.Deployment.AddOrganization("Other");
        var outsider = other.AddMember("Otto Outsider");

        var decision = acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(outsider.Id, At("viewer", null)));

        Assert.Equal(ManagementCodes.MemberNotFound, decision.Code);
        Assert.Equal(Refusal.NotFound, decision.Refusal);
        Assert.Empty(other.GrantsOf(outsider));
    }
}
