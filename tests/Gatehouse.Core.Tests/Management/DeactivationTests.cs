using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: deactivation is per organization and frees a seat; reactivation needs a free seat.</summary>
public class DeactivationTests
{
    [Fact]
    public void Deactivate_ByManagerOfEveryPlaceTheMemberReaches_IsAllowedAndEndsTheirAccess()
    {
        var acme = new Acme();

        var decision = acme.Org.Deactivate(acme.As(acme.AlphaManager), acme.AlphaMember);

        Assert.True(decision.IsAllowed, decision.ToString());
        var compiled = acme.Org.Compiled;
        Assert.True(compiled.EffectivePermissions(acme.AlphaMember.Id, acme.Alpha, TimeProvider.System).IsEmpty);
    }

    [Fact]
    public void Deactivate_MemberWhoAlsoHasAccessWhereTheActorDoesNotManage_IsRefused()
    {
        var acme = new Acme();
        var both = acme.Org.AddMember("Bo Both", [At("member", acme.Alpha), At("member", acme.Beta)]);

        var decision = acme.Org.Deactivate(acme.As(acme.AlphaManager), both);

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Contains("project Beta", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deactivate_MemberWithoutAnyGrant_NeedsThePermissionOnTheOrganization()
    {
        var acme = new Acme();
        var idle = acme.Org.AddMember("Ida Idle");

        Assert.Equal(ManagementCodes.MissingPermission, acme.Org.Deactivate(acme.As(acme.AlphaManager), idle).Code);
        Assert.True(acme.Org.Deactivate(acme.As(acme.Admin), idle).IsAllowed);
    }

    [Fact]
    public void Deactivate_AlreadyDeactivatedMember_IsAConflict_AndReactivateRestoresThem()
    {
        var acme = new Acme();
        acme.Org.Deactivate(acme.As(acme.Admin), acme.AlphaMember);

        Assert.Equal(ManagementCodes.MemberAlreadyDeactivated, acme.Org.Deactivate(acme.As(acme.Admin), acme.AlphaMember).Code);
        Assert.True(acme.Org.Reactivate(acme.As(acme.Admin), acme.AlphaMember).IsAllowed);
        Assert.Equal(ManagementCodes.MemberAlreadyActive, acme.Org.Reactivate(acme.As(acme.Admin), acme.AlphaMember).Code);
    }

    [Fact]
    public void Reactivate_FullAccessMember_ByScopeAdministrator_IsRefused()
    {
        var facilities = new Facilities();
        var northAdministrator = facilities.Org.AddMember("Al Administrator", [At("administrator", facilities.North)]);
        var full = facilities.Org.AddMember("Fay Full", [At("administrator", facilities.North)], fullAccess: true, deactivated: true);

        var decision = facilities.Org.Reactivate(OrganizationFixture.As(northAdministrator), full);

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Contains("in the organization", decision.Error!.Message, StringComparison.Ordinal);
    }
}
