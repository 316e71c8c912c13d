using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: removing from a scope or the organization never deletes the account; erasure is for platform operators or, by policy, the organization.</summary>
public class RemovalAndErasureTests
{
    [Fact]
    public void RemoveFromScope_TakesTheDirectGrants_AndKeepsMembershipAndAccount()
    {
        var acme = new Acme();

        var decision = acme.Org.RemoveFromScope(acme.As(acme.AlphaManager), acme.AlphaMember.Id, acme.Alpha);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Empty(acme.Org.GrantsOf(acme.AlphaMember));
        Assert.Contains(acme.Org.Members, m => m.Id == acme.AlphaMember.Id);
        Assert.Contains(acme.Deployment.Users, u => u.Id == acme.AlphaMember.UserId);
    }

    [Fact]
    public void RemoveFromScope_WhereAccessComesFromTheOrganization_SaysWhereToChangeIt()
    {
        var acme = new Acme();

        var decision = acme.Org.RemoveFromScope(acme.As(acme.Owner), acme.Admin.Id, acme.Beta);

        Assert.Equal(ManagementCodes.AccessInherited, decision.Code);
        Assert.Contains("through a role in the organization", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveMember_KeepsTheAccount()
    {
        var acme = new Acme();

        var decision = acme.Org.RemoveMember(acme.As(acme.Admin), acme.AlphaMember);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.DoesNotContain(acme.Org.Members, m => m.Id == acme.AlphaMember.Id);
        Assert.Contains(acme.Deployment.Users, u => u.Id == acme.AlphaMember.UserId);
    }

    [Fact]
    public void RemoveMember_WithoutDeletePermission_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.RemoveMember(acme.As(acme.AlphaManager), acme.AlphaMember);

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
    }

    [Fact]
    public void DeleteAccount_ByAdmin_WhenOnlyPlatformOperatorsMayErase_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.DeleteAccount(acme.As(acme.Owner), acme.AlphaMember.UserId);

        Assert.Equal(ManagementCodes.AccountDeletionNotAllowed, decision.Code);
        Assert.Contains(acme.Deployment.Users, u => u.Id == acme.AlphaMember.UserId);
    }

    [Fact]
    public void DeleteAccount_ByPlatformOperator_ErasesTheAccount()
    {
        var acme = new Acme();

        var decision = acme.Org.DeleteAccount(acme.Deployment.Operator, acme.AlphaMember.UserId);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.DoesNotContain(acme.Deployment.Users, u => u.Id == acme.AlphaMember.UserId);
    }

    [Fact]
    public void DeleteAccount_ByOrganization_WhenPolicyAllowsAndTheAccountIsItsAlone_IsAllowed()
    {
        var facilities = new Facilities();
        var tech = facilities.Org.AddMember("Tess Tech", [At("administrator", facilities.South)]);

        var decision = facilities.Org.DeleteAccount(OrganizationFixture.As(facilities.Owner), tech.UserId);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.DoesNotContain(facilities.Deployment.Users, u => u.Id == tech.UserId);
    }

    [Fact]
    public void DeleteAccount_ByOrganization_WhenTheAccountBelongsToAnotherOrganizationToo_IsRefused()
    {
        var facilities = new Facilities();
        var tech = facilities.Org.AddMember("Tess Tech", [At("administrator", facilities.South)]);
        facilities.Deployment.AddOrganization("Other").Join(facilities.Deployment.Users.Single(u => u.Id == tech.UserId));

        var decision = facilities.Org.DeleteAccount(OrganizationFixture.As(facilities.Owner), tech.UserId);

        Assert.Equal(ManagementCodes.AccountHasOtherMemberships, decision.Code);
        Assert.Equal(2, facilities.Deployment.MembershipsOf(tech.UserId).Count);
    }
}
