using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>
/// Issue 11, item 3: moving a scope changes what its old and new ancestors give; each change needs what making it
/// directly needs, and the mover's own access never grows. Kim keeps the organization's structure
/// (<c>organization.manage</c> organization-wide) and is admin of project Gamma.
/// </summary>
public class ScopeMoveTests
{
    /// <summary>Acme with project Gamma, Kim keeping the structure and holding <paramref name="kims"/> besides.</summary>
    private static (Acme Acme, Guid Gamma, Member Kim) World(Func<Acme, Guid, GrantSpec[]> kims)
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var gamma = acme.Org.AddScope("Gamma");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null), .. kims(acme, gamma)]);
        return (acme, gamma, kim);
    }

    [Fact]
    public void Move_UnderAScopeWhereTheActorIsAdmin_WouldWidenTheirOwnAccess_IsRefused()
    {
        var (acme, gamma, kim) = World((_, g) => [At("admin", g)]);
        var before = acme.Org.Held(kim, acme.Beta);

        var decision = acme.Org.MoveScope(acme.As(kim), acme.Beta, gamma);

        Assert.Equal((Refusal.Forbidden, ManagementCodes.ScopeMoveChangesAccess), (decision.Refusal, decision.Code));
        Assert.StartsWith("Moving project Beta under project Gamma would change your own access in project Beta, which you could not do yourself. It would give you",
            decision.Error!.Message, StringComparison.Ordinal);
        Assert.Null(acme.Deployment.Scopes.Single(s => s.Id == acme.Beta).ParentId);
        Assert.Equal(before, acme.Org.Held(kim, acme.Beta));
    }

    [Fact]
    public void Move_ThatWouldGiveOthersWhatTheActorLacksThere_IsRefused_NamingOneTheActorMaySee()
    {
        // Kim manages Beta and Gamma alike, so Kim gains nothing; Carol, admin of Gamma, would gain admin at Beta.
        var (acme, gamma, kim) = World((a, g) => [At("manager", g), At("manager", a.Beta)]);
        acme.Org.AddMember("Carol Gamma", [At("admin", gamma)]);

        var seen = acme.Org.MoveScope(acme.As(kim), acme.Beta, gamma);

        Assert.Equal(ManagementCodes.ScopeMoveChangesAccess, seen.Code);
        Assert.Contains("Carol Gamma's access in project Beta", seen.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("It would give them '", seen.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_ThatChangesSomeoneTheActorMayNotSee_IsRefused_NamingNoOne()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);
        var gamma = acme.Org.AddScope("Gamma");
        acme.Org.AddMember("Dora Gamma", [At("viewer", gamma)]);

        var decision = acme.Org.MoveScope(acme.As(kim), acme.Beta, gamma);

        Assert.Equal(ManagementCodes.ScopeMoveChangesAccess, decision.Code);
        Assert.DoesNotContain("Dora", decision.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("someone you cannot see in project Beta", decision.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_AwayFromAScopeWhoseMembersHoldMoreThanTheActor_IsRefused_AsTakingTheirAccessAwayIs()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage", "members.view", "members.assign");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);

        var decision = acme.Org.MoveScope(acme.As(kim), acme.AlphaLab, null);

        Assert.Equal(ManagementCodes.ScopeMoveChangesAccess, decision.Code);
        // Mia Manager and Max Member both lose what Alpha gives them; the one named first by name is Max.
        Assert.StartsWith("Moving project Alpha Lab to the top level would change Max Member's access in project Alpha Lab, which you could not do yourself. "
            + "You cannot change Max Member's access in project Alpha Lab: they have 'View projects' there",
            decision.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_RefusedForSeveralPeople_NamesTheSameOne_WhateverTheirIds()
    {
        // Mia and Max both lose access in Alpha Lab; member ids are random, so twenty worlds lay them out differently.
        var messages = Enumerable.Range(0, 20).Select(_ =>
        {
            var acme = new Acme();
            var keeper = acme.Org.AddRole("Keeper", "organization.manage", "members.view", "members.assign");
            var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);
            return acme.Org.MoveScope(acme.As(kim), acme.AlphaLab, null).Error!.Message;
        }).Distinct().ToList();

        var message = Assert.Single(messages);
        Assert.Contains("would change Max Member's access in project Alpha Lab", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_WhereTheActorCouldMakeEveryChangeDirectly_IsAllowed()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null), At("manager", acme.Alpha), At("manager", acme.Beta)]);
        var bea = acme.Org.AddMember("Bea Beta", [At("viewer", acme.Beta)]);

        var decision = acme.Org.MoveScope(acme.As(kim), acme.AlphaLab, acme.Beta);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.Equal(acme.Beta, acme.Deployment.Scopes.Single(s => s.Id == acme.AlphaLab).ParentId);
        Assert.True(acme.Org.Holds(bea, "documents.view", acme.AlphaLab));
        Assert.False(acme.Org.Holds(acme.AlphaMember, "documents.view", acme.AlphaLab));
        Assert.True(acme.Org.MoveScope(acme.As(acme.Admin), acme.AlphaLab, null).IsAllowed);
    }

    [Fact]
    public void Move_ThatWouldWidenAPendingInvitationsOffer_IsRefused_NamingItForWhoMaySeeIt()
    {
        var (acme, gamma, kim) = World((a, g) => [At("manager", g), At("manager", a.Beta)]);
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("newcomer@example.com", [At("admin", gamma)]));
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("closed@example.com", [At("admin", gamma)]));
        acme.Org.Revoke(acme.As(acme.Admin), acme.Org.InvitationFor("closed@example.com"));

        var decision = acme.Org.MoveScope(acme.As(kim), acme.Beta, gamma);
        acme.Org.Revoke(acme.As(acme.Admin), acme.Org.InvitationFor("newcomer@example.com"));
        var afterRevoking = acme.Org.MoveScope(acme.As(kim), acme.Beta, gamma);

        Assert.Equal(ManagementCodes.ScopeMoveChangesAccess, decision.Code);
        Assert.Contains("what the invitation to newcomer@example.com offers in project Beta", decision.Error!.Message, StringComparison.Ordinal);
        Assert.True(afterRevoking.IsAllowed, afterRevoking.ToString());
        Assert.Equal(InvitationStatus.Revoked, acme.Org.InvitationFor("closed@example.com").Status);
    }

    [Fact]
    public void Move_UnderItsOwnSubScope_IsAConflict_AndWithoutManagingTheNewParent_IsRefused()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var alphaKeeper = acme.Org.AddMember("Ada Alpha", [At(keeper.Key, acme.Alpha)]);

        var cycle = acme.Org.MoveScope(acme.As(acme.Admin), acme.Alpha, acme.AlphaLab);
        var elsewhere = acme.Org.MoveScope(acme.As(alphaKeeper), acme.AlphaLab, acme.Beta);

        Assert.Equal((Refusal.Conflict, ManagementCodes.ScopeCycle), (cycle.Refusal, cycle.Code));
        Assert.Equal(ManagementCodes.MissingPermission, elsewhere.Code);
        Assert.Contains("project Beta", elsewhere.Error!.Message, StringComparison.Ordinal);
    }
}
