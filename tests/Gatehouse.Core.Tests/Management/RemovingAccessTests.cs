using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>
/// Seed 003, "removing access is not granting it": deactivating or removing a member needs only their management
/// rights, full access and ownership within the actor's own; changing their grants keeps the full rule.
/// </summary>
public class RemovingAccessTests
{
    private sealed record Scene(Facilities Facilities, Gatehouse.Core.Members.Member Manager, Gatehouse.Core.Members.Member Technician);

    /// <summary>A "user manager" group (Users: Edit status, Delete) and a technician holding "View assets" at North Store.</summary>
    private static Scene UserManagerAndTechnician()
    {
        var facilities = new Facilities();
        var managers = facilities.Org.AddRole("User manager", "members.view", "members.deactivate", "members.delete");
        var technicians = facilities.Org.AddRole("Technician", "assets.view", "work_orders.view_own");
        var manager = facilities.Org.AddMember("Uma Manager", [At(managers.Key, null)]);
        var technician = facilities.Org.AddMember("Ted Technician", [At(technicians.Key, facilities.North)]);
        return new Scene(facilities, manager, technician);
    }

    [Fact]
    public void UserManager_DeactivatesATechnicianHoldingWhatTheyLack()
    {
        var (facilities, manager, technician) = UserManagerAndTechnician();

        var decision = facilities.Org.Deactivate(OrganizationFixture.As(manager), technician);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.False(facilities.Org.Reload(technician).IsActive);
    }

    [Fact]
    public void UserManager_RemovesATechnicianHoldingWhatTheyLack()
    {
        var (facilities, manager, technician) = UserManagerAndTechnician();

        var decision = facilities.Org.RemoveMember(OrganizationFixture.As(manager), technician);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.DoesNotContain(facilities.Org.Members, m => m.Id == technician.Id);
    }

    [Fact]
    public void ChangingGrants_KeepsTheFullRule_WhileDeactivatingNeedsOnlyManagementRights()
    {
        var (facilities, _, technician) = UserManagerAndTechnician();
        var editors = facilities.Org.AddRole("User editor", "members.view", "members.assign", "members.deactivate", "members.delete");
        var editor = facilities.Org.AddMember("Eda Editor", [At(editors.Key, null)]);

        var removeGrant = facilities.Org.Remove(OrganizationFixture.As(editor), new RemoveGrantRequest(technician.Id, facilities.Org.GrantsOf(technician).Single()));
        var deactivate = facilities.Org.Deactivate(OrganizationFixture.As(editor), technician);

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, removeGrant.Code);
        Assert.Contains("'View assets'", removeGrant.Error!.Message, StringComparison.Ordinal);
        Assert.True(deactivate.IsAllowed, deactivate.ToString());
    }

    [Fact]
    public void UserManager_CannotDeactivateOrRemoveSomeoneWithAManagementRightTheyLack()
    {
        var (facilities, manager, _) = UserManagerAndTechnician();
        var inviters = facilities.Org.AddRole("Inviter", "members.invite", "assets.view");
        var inviter = facilities.Org.AddMember("Ian Inviter", [At(inviters.Key, facilities.North)]);

        var deactivate = facilities.Org.Deactivate(OrganizationFixture.As(manager), inviter);
        var remove = facilities.Org.RemoveMember(OrganizationFixture.As(manager), inviter);

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, deactivate.Code);
        Assert.Equal("You cannot deactivate or remove Ian Inviter: they have 'Invite users' in facility North Store, which you do not have; ask someone with at least their rights to manage people.",
            deactivate.Error!.Message);
        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, remove.Code);
        Assert.True(facilities.Org.Reload(inviter).IsActive);
    }

    [Fact]
    public void UserManager_CannotDeactivateAFullAccessMemberOrAnOwner()
    {
        var (facilities, manager, _) = UserManagerAndTechnician();
        var full = facilities.Org.AddMember("Fay Full", fullAccess: true);

        var deactivateFull = facilities.Org.Deactivate(OrganizationFixture.As(manager), full);
        var removeOwner = facilities.Org.RemoveMember(OrganizationFixture.As(manager), facilities.Owner);

        Assert.Equal(ManagementCodes.MemberExceedsOwnAccess, deactivateFull.Code);
        Assert.Contains("they have full access to this organization", deactivateFull.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ManagementCodes.OwnerProtected, removeOwner.Code);
    }

    [Fact]
    public void AuditView_IsNoManagementRight_ForDeactivation()
    {
        var acme = new Acme();
        var auditors = acme.Org.AddRole("Auditors", "audit.view", "projects.view");
        var auditor = acme.Org.AddMember("Ava Auditor", [At(auditors.Key, acme.Alpha)]);

        var decision = acme.Org.Deactivate(acme.As(acme.AlphaManager), auditor);

        Assert.True(decision.IsAllowed, decision.ToString());
    }
}
