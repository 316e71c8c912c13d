using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>The console's Save replaces a member's access wholesale and is judged on what it changes.</summary>
public class ReplaceAccessTests
{
    [Fact]
    public void Replace_KeepingGrantsTheActorCouldNotGive_AndChangingOnlyTheirOwnScope_IsAllowed()
    {
        var acme = new Acme();
        var both = acme.Org.AddMember("Bo Both", [At("member", acme.Alpha), At("admin", acme.Beta)]);

        var decision = acme.Org.Replace(acme.As(acme.AlphaManager), new ReplaceAccessRequest(both.Id, [At("viewer", acme.Alpha), At("admin", acme.Beta)], FullAccess: false));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal([At("viewer", acme.Alpha), At("admin", acme.Beta)], acme.Org.GrantsOf(both));
    }

    [Fact]
    public void Replace_DroppingAGrantWhereTheActorHasNoRights_IsRefused()
    {
        var acme = new Acme();
        var both = acme.Org.AddMember("Bo Both", [At("member", acme.Alpha), At("member", acme.Beta)]);

        var decision = acme.Org.Replace(acme.As(acme.AlphaManager), new ReplaceAccessRequest(both.Id, [At("member", acme.Alpha)], FullAccess: false));

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
        Assert.Equal(2, acme.Org.GrantsOf(both).Count);
    }

    [Fact]
    public void Replace_WithNoChange_IsAllowedForAnyone()
    {
        var acme = new Acme();

        var decision = acme.Org.Replace(acme.As(acme.AlphaMember), new ReplaceAccessRequest(acme.Admin.Id, [At("admin", null)], FullAccess: false));

        Assert.True(decision.IsAllowed, decision.ToString());
    }

    [Fact]
    public void Replace_AddingARoleTheActorLacks_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Replace(acme.As(acme.AlphaManager), new ReplaceAccessRequest(acme.AlphaMember.Id, [At("admin", acme.AlphaLab)], FullAccess: false));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
    }
}
