using Gatehouse.Core.Management;

namespace Gatehouse.Core.Tests.Support;

/// <summary>Asserts that a capabilities answer allows nothing at all, so a console would disable every control.</summary>
internal static class CapabilityAssert
{
    public static void NothingAllowed(MemberCapabilities c)
    {
        Assert.False(c.EditAccess || c.ChangeFullAccess || c.Deactivate || c.Reactivate || c.Remove || c.ChangeOwnership, c.ToString());
        Assert.Empty(c.EditableTargets);
        Assert.Empty(c.RemovableFromScopes);
    }

    public static void NothingAllowed(OrganizationCapabilities c)
    {
        Assert.False(c.Invite || c.GiveFullAccess || c.ManageRoles || c.ViewAudit, c.ToString());
        Assert.Empty(c.InviteTargets);
        Assert.Empty(c.AssignTargets);
    }

    public static void NothingAllowed(InvitationCapabilities c) => Assert.False(c.Resend || c.Revoke, c.ToString());
}
