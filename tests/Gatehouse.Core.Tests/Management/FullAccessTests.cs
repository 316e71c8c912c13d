using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>DESIGN.md: "Full access can only be given by a member with full access or an owner."</summary>
public class FullAccessTests
{
    [Fact]
    public void ChangeFullAccess_ByAdminWithEveryPermissionButNoFullAccess_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.ChangeFullAccess(acme.As(acme.Admin), acme.AlphaMember, true);

        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, decision.Code);
        Assert.StartsWith("Full access can only be given", decision.Error!.Message, StringComparison.Ordinal);
        Assert.False(acme.Org.Reload(acme.AlphaMember).HasFullAccess);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangeFullAccess_ByOwnerOrFullAccessMember_IsAllowed(bool actorIsOwner)
    {
        var acme = new Acme();
        var actor = actorIsOwner ? acme.Owner : acme.Org.AddMember("Fay Full", fullAccess: true);

        var decision = acme.Org.ChangeFullAccess(acme.As(actor), acme.AlphaMember, true);

        Assert.True(decision.IsAllowed, decision.ToString());
        Assert.True(acme.Org.Reload(acme.AlphaMember).HasFullAccess);
    }

    [Fact]
    public void TakingFullAccessAway_ByAdminWithoutIt_IsRefused()
    {
        var acme = new Acme();
        var full = acme.Org.AddMember("Fay Full", fullAccess: true);

        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, acme.Org.ChangeFullAccess(acme.As(acme.Admin), full, false).Code);
    }

    [Fact]
    public void Invite_WithFullAccess_ByAdminWithoutIt_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Invite(acme.As(acme.Admin), new InviteRequest("boss@example.com", [], FullAccess: true));

        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, decision.Code);
        Assert.True(acme.Org.Invite(acme.As(acme.Owner), new InviteRequest("boss@example.com", [], FullAccess: true)).IsAllowed);
    }

    [Fact]
    public void ReplaceAccess_ThatTurnsOnFullAccess_ByAdminWithoutIt_IsRefused()
    {
        var acme = new Acme();

        var decision = acme.Org.Replace(acme.As(acme.Admin), new ReplaceAccessRequest(acme.AlphaMember.Id, [At("member", acme.Alpha)], FullAccess: true));

        Assert.Equal(ManagementCodes.FullAccessRequiresFullAccess, decision.Code);
    }
}
