using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Seat flows: the policy decides who may, <see cref="Gatehouse.Core.Seats.SeatUsage"/> decides whether a seat is free.</summary>
public class SeatTests
{
    [Fact]
    public void Seed004_LicencesCountInvitedAndActiveMembers()
    {
        var workspace = new Workspace(seatLimit: 5);

        var first = workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("one@example.com", [new GrantSpec("viewer", workspace.Apollo)]));
        var second = workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("two@example.com", [new GrantSpec("viewer", workspace.Apollo)]));

        Assert.True(first.IsAllowed, first.ToString());
        Assert.Equal("seat_limit_reached", second.Code);
        Assert.Equal(5, workspace.Org.Seats.Used);
        Assert.True(workspace.Org.Accept(workspace.Org.InvitationFor("one@example.com"), "Una One").Succeeded);
        Assert.Equal(5, workspace.Org.Seats.Used);
    }

    [Fact]
    public void Seed004_DeactivationFreesASeat()
    {
        var workspace = new Workspace(seatLimit: 4);

        Assert.Equal("seat_limit_reached", workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("one@example.com", [new GrantSpec("viewer", workspace.Apollo)])).Code);
        Assert.True(workspace.Org.Deactivate(workspace.AsAdmin, workspace.Viewer).IsAllowed);
        Assert.Equal(3, workspace.Org.Seats.Used);
        Assert.True(workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("one@example.com", [new GrantSpec("viewer", workspace.Apollo)])).IsAllowed);
    }

    [Fact]
    public void Seed004_ReactivationWithoutAFreeSeat_IsRefused()
    {
        var workspace = new Workspace(seatLimit: 4);
        workspace.Org.Deactivate(workspace.AsAdmin, workspace.Viewer);
        workspace.Org.Invite(workspace.AsAdmin, new InviteRequest("one@example.com", [new GrantSpec("viewer", workspace.Apollo)]));

        var decision = workspace.Org.Reactivate(workspace.AsAdmin, workspace.Viewer);

        Assert.Equal("seat_limit_reached", decision.Code);
        Assert.False(workspace.Org.Reload(workspace.Viewer).IsActive);
    }

    [Fact]
    public void ActiveMembersOnly_PendingInvitationsTakeNoSeat_ButAcceptingNeedsOne()
    {
        var acme = new Acme();
        var org = acme.Deployment.AddOrganization("Small", seatLimit: 1);
        var owner = org.AddMember("Solo Owner", owner: true);

        var invited = org.Invite(OrganizationFixture.As(owner), new InviteRequest("two@example.com", [new GrantSpec("viewer", null)]));
        var accepted = org.Accept(org.InvitationFor("two@example.com"), "Tia Two");

        Assert.True(invited.IsAllowed, invited.ToString());
        Assert.Equal("seat_limit_reached", accepted.Error?.Code);
    }
}
