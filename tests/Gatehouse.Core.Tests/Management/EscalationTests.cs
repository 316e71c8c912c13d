using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Granting role R at target T needs every permission of R at T (no escalation)."</summary>
public class EscalationTests
{
    [Fact]
    public void Assign_RoleHoldingAPermissionTheActorLacks_IsRefusedNamingThatPermission()
    {
        var acme = new Acme();

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(acme.AlphaMember.Id, At("admin", acme.Alpha)));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Equal($"You cannot give 'Admin' in project Alpha because it includes '{TestModels.Default.LabelOf("members.delete")}', which you do not have there; choose a role within your own access.", decision.Error!.Message);
    }

    [Fact]
    public void Assign_RoleWithinTheActorsOwnAccess_IsAllowedAndApplied()
    {
        var acme = new Acme();
        var newcomer = acme.Org.AddMember("Nina Newcomer", [At("viewer", acme.Beta)]);

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(newcomer.Id, At("manager", acme.Alpha)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(acme.Org.Holds(newcomer, "members.invite", acme.Alpha));
    }

    [Fact]
    public void Invite_WithRoleTheInviterLacksAtTheTarget_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.AlphaManager), new InviteRequest("new@example.com", [At("admin", acme.Alpha)]));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Empty(acme.Org.Invitations);
    }

    [Fact]
    public void Assign_CustomRoleWithAPermissionTheActorLacks_IsRefused()
    {
        var acme = new Acme();
        var auditors = acme.Org.AddRole("Auditors", "audit.view", "projects.view");
        var newcomer = acme.Org.AddMember("Nina Newcomer", [At("viewer", acme.Beta)]);

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(newcomer.Id, At(auditors.Key, acme.Alpha)));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Contains($"'{TestModels.Default.LabelOf("audit.view")}'", decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeGrant_ToARoleTheActorLacks_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Change(acme.As(acme.AlphaManager), new ChangeGrantRequest(acme.AlphaMember.Id, At("member", acme.Alpha), At("admin", acme.Alpha)));

        Assert.Equal(ManagementCodes.RoleExceedsOwnAccess, decision.Code);
        Assert.Equal([At("member", acme.Alpha)], acme.Org.GrantsOf(acme.AlphaMember));
    }
}
