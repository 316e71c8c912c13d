using Gatehouse.Core.Model;
using Gatehouse.Core.Seats;

namespace Gatehouse.Core.Tests.Seats;

public class SeatUsageTests
{
    [Theory]
    [InlineData(SeatCounting.ActiveMembers, 4, 3, 4)]
    [InlineData(SeatCounting.ActiveMembersAndPendingInvitations, 4, 3, 7)]
    public void Count_FollowsTheCountingPolicy(SeatCounting counting, int active, int pending, int expectedUsed)
    {
        var usage = SeatUsage.Count(active, pending, 10, counting);

        Assert.Equal(expectedUsed, usage.Used);
        Assert.Equal(10 - expectedUsed, usage.Free);
    }

    [Fact]
    public void CanTake_LastFreeSeat_Succeeds()
    {
        var usage = SeatUsage.Count(9, 0, 10, SeatCounting.ActiveMembers);

        Assert.True(usage.CanTake(1).Succeeded);
    }

    [Fact]
    public void CanTake_BeyondTheLimit_IsRefusedWithSeatLimitReached()
    {
        var usage = SeatUsage.Count(10, 0, 10, SeatCounting.ActiveMembers);

        var result = usage.CanTake(1);

        Assert.Equal("seat_limit_reached", result.Error?.Code);
        Assert.Contains("0 of 10", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CanTake_WithoutLimit_AlwaysSucceeds()
    {
        var usage = SeatUsage.Count(10_000, 500, null, SeatCounting.ActiveMembersAndPendingInvitations);

        Assert.True(usage.CanTake(1_000).Succeeded);
        Assert.Null(usage.Free);
    }

    [Theory]
    [InlineData(SeatCounting.ActiveMembers, 0, 1)]
    [InlineData(SeatCounting.ActiveMembersAndPendingInvitations, 1, 0)]
    public void InvitationSeatCost_DependsOnWhetherPendingInvitationsCount(SeatCounting counting, int sending, int accepting)
    {
        var usage = SeatUsage.Count(1, 0, 5, counting);

        Assert.Equal(sending, usage.SeatsForSendingInvitation);
        Assert.Equal(accepting, usage.SeatsForAcceptingInvitation);
    }
}
