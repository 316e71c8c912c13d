using Gatehouse.Core.Members;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>
/// Issue 11, item 2: deleting a scope takes away the grants on it, so it needs what removing each of them needs.
/// Kim keeps the organization's structure (a role holding only <c>organization.manage</c>, organization-wide).
/// </summary>
public class ScopeDeletionTests
{
    [Fact]
    public void Delete_ScopeWhereAnAdminHoldsMoreThanTheActor_IsRefused_AsRemovingTheAdminIs()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);
        var alice = acme.Org.AddMember("Alice Admin", [At("admin", acme.Beta)]);

        var removal = acme.Org.Remove(acme.As(kim), new RemoveGrantRequest(alice.Id, At("admin", acme.Beta)));
        var deletion = acme.Org.DeleteScope(acme.As(kim), acme.Beta);

        Assert.Equal(ManagementCodes.MissingPermission, removal.Code);
        Assert.Equal((Refusal.Forbidden, ManagementCodes.ScopeDeleteChangesAccess), (deletion.Refusal, deletion.Code));
        // Kim may not see Alice (no 'members.view'), so the sentence names no one and says only whom to ask.
        Assert.DoesNotContain("Alice", deletion.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("someone you cannot see in project Beta", deletion.Error.Message, StringComparison.Ordinal);
        Assert.Contains(acme.Beta, acme.Deployment.Scopes.Select(s => s.Id));
        Assert.Equal([At("admin", acme.Beta)], acme.Org.GrantsOf(alice));
    }

    [Fact]
    public void Delete_RefusalNamesOnePersonTheActorMaySee_AndWhy()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage", "members.view", "members.assign");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);
        acme.Org.AddMember("Alice Admin", [At("admin", acme.Beta)]);

        var deletion = acme.Org.DeleteScope(acme.As(kim), acme.Beta);

        Assert.Equal(ManagementCodes.ScopeDeleteChangesAccess, deletion.Code);
        Assert.StartsWith("Deleting project Beta would take away Alice Admin's role in project Beta, which you could not do yourself. You cannot change Alice Admin's access in project Beta: they have",
            deletion.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_BySomeoneWhoCouldRemoveEveryGrantThere_IsAllowed_AndTakesTheGrantsAway()
    {
        var acme = new Acme();
        var keeper = acme.Org.AddRole("Keeper", "organization.manage");
        var kim = acme.Org.AddMember("Kim Keeper", [At(keeper.Key, null)]);
        var gamma = acme.Org.AddScope("Gamma");
        var alice = acme.Org.AddMember("Alice Admin", [At("admin", acme.Beta), At("viewer", acme.Alpha)]);

        Assert.True(acme.Org.DeleteScope(acme.As(kim), gamma).IsAllowed, "an empty scope takes no one's grant");
        var byAdmin = acme.Org.DeleteScope(acme.As(acme.Admin), acme.Beta);

        Assert.True(byAdmin.IsAllowed, byAdmin.ToString());
        Assert.Equal([At("viewer", acme.Alpha)], acme.Org.GrantsOf(alice));
    }

    [Fact]
    public void Delete_ScopeWhereAnOwnerOrAProvisionedMemberHoldsAGrant_FollowsTheirProtections()
    {
        var acme = new Acme();
        acme.Org.AddMember("Pat Provisioned", [At("viewer", acme.Beta)], managedBy: ManagedBy.External);
        var ownerWithGrant = new Acme();
        ownerWithGrant.Org.AddMember("Olga Owner", [At("viewer", ownerWithGrant.Beta)], owner: true);

        var provisioned = acme.Org.DeleteScope(acme.As(acme.Admin), acme.Beta);
        var owner = ownerWithGrant.Org.DeleteScope(ownerWithGrant.As(ownerWithGrant.Admin), ownerWithGrant.Beta);

        Assert.Equal(ManagementCodes.ScopeDeleteChangesAccess, provisioned.Code);
        Assert.Contains("identity provider", provisioned.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ManagementCodes.ScopeDeleteChangesAccess, owner.Code);
        Assert.Contains("only an owner can change an owner", owner.Error!.Message, StringComparison.Ordinal);
        Assert.True(ownerWithGrant.Org.DeleteScope(ownerWithGrant.As(ownerWithGrant.Owner), ownerWithGrant.Beta).IsAllowed);
    }

    [Fact]
    public void Delete_WithoutManagingTheOrganizationThere_IsRefusedFirst()
    {
        var acme = new Acme();

        var decision = acme.Org.DeleteScope(acme.As(acme.AlphaManager), acme.AlphaLab);

        Assert.Equal(ManagementCodes.MissingPermission, decision.Code);
    }
}
