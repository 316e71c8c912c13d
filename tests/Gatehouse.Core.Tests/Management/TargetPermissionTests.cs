using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Acting on a target needs the management permission at that target (directly or inherited)."</summary>
public class TargetPermissionTests
{
    [Fact]
    public void Assign_AtScopeWhereActorHasNoManagementPermission_IsRefusedAsMissingPermission()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", acme.Beta)));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.DoesNotContain(At("viewer", acme.Beta), acme.Org.GrantsOf(acme.AlphaMember));
    }

    [Fact]
    public void Assign_AtSubScope_WithPermissionInheritedFromParent_IsAllowed()
    {
        var acme = new Acme();
        var newcomer = acme.Org.AddMember("Nina Newcomer", [At("viewer", acme.Beta)]);

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(newcomer.Id, At("member", acme.AlphaLab)));

        Assert.True(decision.IsAllowed, decision.ToString());
    }

    [Fact]
    public void Assign_OnTheOrganization_ByScopeManager_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", null)));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
    }

    [Fact]
    public void MissingPermission_Sentence_NamesTheLabelThePlaceAndWhomToAsk()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.AlphaMember), new AssignGrantRequest(acme.AlphaManager.Id, At("viewer", acme.Alpha)));

        Assert.Equal($"You need the '{TestModels.Default.LabelOf("members.assign")}' permission in project Alpha; ask someone with the role 'Admin' or 'Manager' there.", decision.Error!.Message);
    }

    [Fact]
    public void Assign_OnAScopeOfAnotherOrganization_IsNotFound()
    {
        var acme = new Acme();
        var foreignScope = acme.Deployment.AddOrganization("Other").AddScope("Elsewhere");

        var decision = acme.Org.Assign(acme.As(acme.Owner), new AssignGrantRequest(acme.AlphaMember.Id, At("viewer", foreignScope)));

        Assert.Equal(ManagementCodes.ScopeNotFound, decision.Code);
    }
}
