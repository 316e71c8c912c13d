using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Changing or removing a member's grants at T needs that member's effective set at T to be within the actor's own."</summary>
public class WithinOwnAccessTests
{
    [Fact]
    public void RemoveGrant_OfMemberHoldingMoreAtTheTarget_IsRefusedNamingWhatTheyHave()
    {
        var acme = new Acme();
        var alphaAdmin = acme.Org.AddMember("Ada Alpha-Admin", [At("admin", acme.Alpha)]);

        var decision = acme.Org.Remove(acme.As(acme.AlphaManager), new RemoveGrantRequest(alphaAdmin.Id, At("admin", acme.Alpha)));

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, decision.Code);
        Assert.Equal($"You cannot change Ada Alpha-Admin's access in project Alpha: they have '{TestModels.Default.LabelOf("members.delete")}' there, which you do not have; ask someone with at least their access.", decision.Error!.Message);
        Assert.Equal([At("admin", acme.Alpha)], acme.Org.GrantsOf(alphaAdmin));
    }

    [Fact]
    public void RemoveGrant_OfMemberWithinTheActorsAccess_IsAllowedAndApplied()
    {
        var acme = new Acme();

        var decision = acme.Org.Remove(acme.As(acme.AlphaManager), new RemoveGrantRequest(acme.AlphaMember.Id, At("member", acme.Alpha)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Empty(acme.Org.GrantsOf(acme.AlphaMember));
    }

    [Fact]
    public void Assign_ToMemberHoldingAPermissionTheActorLacksAtTheTarget_IsRefused()
    {
        var acme = new Acme();
        var auditors = acme.Org.AddRole("Auditors", "audit.view", "projects.view");
        var auditor = acme.Org.AddMember("Ava Auditor", [At(auditors.Key, acme.Alpha)]);

        var decision = acme.Org.Assign(acme.As(acme.AlphaManager), new AssignGrantRequest(auditor.Id, At("viewer", acme.Alpha)));

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, decision.Code);
        Assert.Contains($"'{TestModels.Default.LabelOf("audit.view")}'", decision.Error!.Message, StringComparison.Ordinal);
        Assert.True(acme.Org.Assign(acme.As(acme.Admin), new AssignGrantRequest(auditor.Id, At("viewer", acme.Alpha))).IsAllowed);
    }

    [Fact]
    public void ChangeGrant_OfMemberHoldingMoreThroughAnotherGrantAtTheTarget_IsRefused()
    {
        var acme = new Acme();
        var twoRoles = acme.Org.AddMember("Tom Two-Roles", [At("member", acme.AlphaLab), At("admin", acme.Alpha)]);

        var decision = acme.Org.Change(acme.As(acme.AlphaManager), new ChangeGrantRequest(twoRoles.Id, At("member", acme.AlphaLab), At("viewer", acme.AlphaLab)));

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, decision.Code);
    }

    [Fact]
    public void ChangeGrant_WithinOwnAccess_ReplacesTheRole()
    {
        var acme = new Acme();

        var decision = acme.Org.Change(acme.As(acme.AlphaManager), new ChangeGrantRequest(acme.AlphaMember.Id, At("member", acme.Alpha), At("viewer", acme.Alpha)));

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal([At("viewer", acme.Alpha)], acme.Org.GrantsOf(acme.AlphaMember));
    }

    [Fact]
    public void RemoveGrant_ThatTheMemberDoesNotHold_IsNotFound()
    {
        var acme = new Acme();

        var decision = acme.Org.Remove(acme.As(acme.Admin), new RemoveGrantRequest(acme.AlphaMember.Id, At("viewer", acme.Beta)));

        Assert.Equal(ManagementCodes.GrantNotFound, decision.Code);
    }
}
