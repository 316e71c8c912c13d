using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Every list answer carries, per item, what the caller may do with it."</summary>
public class CapabilitiesTests
{
    [Fact]
    public void ManagerOfAlpha_ViewingAMemberOfAlpha_MayEditAlphaOnly_AndDeactivate()
    {
        var acme = new Acme();

        var capabilities = MemberCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.AlphaManager), acme.AlphaMember.Id);

        Assert.True(capabilities.EditAccess);
        Assert.Equal([acme.Alpha, acme.AlphaLab], capabilities.EditableTargets);
        Assert.Equal([acme.Alpha], capabilities.RemovableFromScopes);
        Assert.True(capabilities.Deactivate);
        Assert.False(capabilities.Reactivate);
        Assert.False(capabilities.Remove);
        Assert.False(capabilities.ChangeFullAccess);
        Assert.False(capabilities.ChangeOwnership);
    }

    [Fact]
    public void ManagerOfAlpha_ViewingTheOrganizationWideAdmin_MayDoNothing()
    {
        var acme = new Acme();

        var capabilities = MemberCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.AlphaManager), acme.Admin.Id);

        CapabilityAssert.NothingAllowed(capabilities);
    }

    [Fact]
    public void Owner_ViewingAnAdmin_MayDoEverything()
    {
        var acme = new Acme();

        var capabilities = MemberCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.Owner), acme.Admin.Id);

        Assert.True(capabilities is { EditAccess: true, ChangeFullAccess: true, Deactivate: true, Remove: true, ChangeOwnership: true });
        Assert.Equal(4, capabilities.EditableTargets.Count);
    }

    [Fact]
    public void InvitationCapabilities_FollowRevokeAndResendRules()
    {
        var acme = new Acme();
        acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("new@example.com", [At("viewer", acme.Alpha), At("viewer", acme.Beta)]));
        var invitation = acme.Org.InvitationFor("new@example.com");

        Assert.Equal(new InvitationCapabilities(false, false), InvitationCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.AlphaManager), invitation));
        Assert.Equal(new InvitationCapabilities(true, true), InvitationCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.Admin), invitation));
    }

    [Fact]
    public void OrganizationCapabilities_ListWhereTheViewerMayInvite()
    {
        var acme = new Acme();

        var manager = OrganizationCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.AlphaManager));
        var member = OrganizationCapabilities.Evaluate(acme.Org.Compiled, acme.As(acme.AlphaMember));

        Assert.Equal([acme.Alpha, acme.AlphaLab], manager.InviteTargets);
        Assert.True(manager.Invite);
        Assert.False(manager.ManageRoles);
        Assert.False(member.Invite);
        CapabilityAssert.NothingAllowed(member);
    }
}
