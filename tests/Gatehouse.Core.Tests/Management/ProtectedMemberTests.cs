using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Owners are protected ... Members managed by an external source (provisioning) are read-only to admins."</summary>
public class ProtectedMemberTests
{
    [Fact]
    public void Deactivate_AnOwner_ByAnAdminWhoIsNoOwner_IsRefusedAsOwnerProtected()
    {
        var acme = new Acme();
        acme.Org.ChangeOwner(acme.As(acme.Owner), acme.Org.AddMember("Second Owner"), true);

        var decision = acme.Org.Deactivate(acme.As(acme.Admin), acme.Owner);

        Assert.Equal(ManagementCodes.OwnerProtected, decision.Code);
        Assert.True(acme.Org.Reload(acme.Owner).IsActive);
    }

    [Fact]
    public void Assign_ToAnOwner_ByAFullAccessMemberWhoIsNoOwner_IsRefusedAsOwnerProtected()
    {
        var acme = new Acme();
        var full = acme.Org.AddMember("Fay Full", fullAccess: true);
        var coOwner = acme.Org.AddMember("Cora Co-Owner", owner: true);

        var decision = acme.Org.Replace(OrganizationFixture.As(full), new ReplaceAccessRequest(coOwner.Id, [At("viewer", acme.Alpha)], FullAccess: false));

        Assert.Equal(ManagementCodes.OwnerProtected, decision.Code);
    }

    [Fact]
    public void ChangeOwner_ByAnAdminWhoIsNoOwner_IsRefusedAsOwnerOnly()
    {
        var acme = new Acme();

        var decision = acme.Org.ChangeOwner(acme.As(acme.Admin), acme.Admin, true);

        Assert.Equal(ManagementCodes.OwnerOnly, decision.Code);
        Assert.False(acme.Org.Reload(acme.Admin).IsOwner);
    }

    [Fact]
    public void LastOwner_CannotBeRemovedDeactivatedOrDemoted_EvenByThemselves()
    {
        var acme = new Acme();
        var self = acme.As(acme.Owner);

        Assert.Equal(ManagementCodes.LastOwner, acme.Org.RemoveMember(self, acme.Owner).Code);
        Assert.Equal(ManagementCodes.LastOwner, acme.Org.Deactivate(self, acme.Owner).Code);
        Assert.Equal(ManagementCodes.LastOwner, acme.Org.ChangeOwner(self, acme.Owner, false).Code);
        Assert.Equal(ManagementCodes.LastOwner, acme.Org.ChangeOwner(acme.Deployment.Operator, acme.Owner, false).Code);
    }

    [Fact]
    public void ChangeOwner_DemotingOneOfTwoOwners_IsAllowed()
    {
        var acme = new Acme();
        var second = acme.Org.AddMember("Second Owner", owner: true);

        var decision = acme.Org.ChangeOwner(acme.As(second), acme.Owner, false);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.False(acme.Org.Reload(acme.Owner).IsOwner);
    }

    [Fact]
    public void ChangeOwner_MakingADeactivatedMemberOwner_IsRefused()
    {
        var acme = new Acme();
        var away = acme.Org.AddMember("Dan Away", deactivated: true);

        Assert.Equal(ManagementCodes.OwnerMustBeActive, acme.Org.ChangeOwner(acme.As(acme.Owner), away, true).Code);
    }

    [Fact]
    public void TransferOwnership_ToAnotherMember_LeavesExactlyThatMemberOwner()
    {
        var acme = new Acme();

        var decision = acme.Org.TransferOwnership(acme.As(acme.Owner), acme.Admin);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(acme.Org.Reload(acme.Admin).IsOwner);
        Assert.False(acme.Org.Reload(acme.Owner).IsOwner);
        Assert.Equal(ManagementCodes.CannotTransferToSelf, acme.Org.TransferOwnership(acme.As(acme.Admin), acme.Admin).Code);
        Assert.Equal(ManagementCodes.OwnerOnly, acme.Org.TransferOwnership(acme.As(acme.Owner), acme.AlphaMember).Code);
    }

    [Fact]
    public void TransferOwnership_ToADeactivatedCoOwner_IsRefused_SoAnActiveOwnerRemains()
    {
        var acme = new Acme();
        var dormant = acme.Org.AddMember("Dora Dormant", owner: true, deactivated: true);

        var decision = acme.Org.TransferOwnership(acme.As(acme.Owner), dormant);

        Assert.Equal(ManagementCodes.OwnerMustBeActive, decision.Code);
        Assert.True(acme.Org.Reload(acme.Owner).IsOwner);
    }

    [Fact]
    public void ExternallyManagedMember_IsReadOnlyToAdmins()
    {
        var acme = new Acme();
        var provisioned = acme.Org.AddMember("Pat Provisioned", [At("viewer", acme.Alpha)], managedBy: ManagedBy.External);
        var owner = acme.As(acme.Owner);

        Assert.Equal(ManagementCodes.ManagedExternally, acme.Org.Assign(owner, new AssignGrantRequest(provisioned.Id, At("member", acme.Beta))).Code);
        Assert.Equal(ManagementCodes.ManagedExternally, acme.Org.Remove(owner, new RemoveGrantRequest(provisioned.Id, At("viewer", acme.Alpha))).Code);
        Assert.Equal(ManagementCodes.ManagedExternally, acme.Org.Deactivate(owner, provisioned).Code);
        Assert.Equal(ManagementCodes.ManagedExternally, acme.Org.RemoveMember(owner, provisioned).Code);
        Assert.Equal(ManagementCodes.ManagedExternally, acme.Org.ChangeFullAccess(owner, provisioned, true).Code);
        Assert.Equal([At("viewer", acme.Alpha)], acme.Org.GrantsOf(provisioned));
    }

    [Fact]
    public void ExternallyManagedMember_CanStillBeMadeOwner_BecauseProvisioningDoesNotSetOwnership()
    {
        var acme = new Acme();
        var provisioned = acme.Org.AddMember("Pat Provisioned", managedBy: ManagedBy.External);

        Assert.True(acme.Org.ChangeOwner(acme.As(acme.Owner), provisioned, true).IsAllowed);
        Assert.True(acme.Org.ChangeOwner(OrganizationFixture.As(provisioned), acme.Owner, false).IsAllowed);
    }
}
