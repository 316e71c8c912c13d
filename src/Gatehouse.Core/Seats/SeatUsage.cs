using Gatehouse.Core.Errors;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Seats;

/// <summary>How many seats an organization uses against its limit, under its counting policy.</summary>
/// <param name="Used">Seats in use.</param>
/// <param name="Limit">Licensed seats, or null for no limit.</param>
/// <param name="Counting">What counts as a used seat.</param>
public sealed record SeatUsage(int Used, int? Limit, SeatCounting Counting)
{
    /// <summary>Counts used seats from the organization's active members and pending invitations.</summary>
    public static SeatUsage Count(int activeMembers, int pendingInvitations, int? limit, SeatCounting counting) =>
        new(counting == SeatCounting.ActiveMembersAndPendingInvitations ? activeMembers + pendingInvitations : activeMembers, limit, counting);

    /// <summary>Seats still free, or null for no limit.</summary>
    public int? Free => Limit is { } limit ? Math.Max(0, limit - Used) : null;

    /// <summary>Checks that <paramref name="seats"/> more seats can be taken.</summary>
    public Result CanTake(int seats)
    {
        if (Limit is not { } limit || Used + seats <= limit)
        {
            return Result.Success;
        }
        var free = Math.Max(0, limit - Used);
        return new Error(
            "seat_limit_reached",
            $"This needs {seats} seat{(seats == 1 ? "" : "s")} but {free} of {limit} {(free == 1 ? "is" : "are")} free; deactivate someone, revoke a pending invitation or upgrade the plan.");
    }

    /// <summary>What taking a seat by accepting an invitation costs: nothing when pending invitations already count.</summary>
    public int SeatsForAcceptingInvitation => Counting == SeatCounting.ActiveMembersAndPendingInvitations ? 0 : 1;

    /// <summary>What sending an invitation costs: a seat only when pending invitations count.</summary>
    public int SeatsForSendingInvitation => Counting == SeatCounting.ActiveMembersAndPendingInvitations ? 1 : 0;
}
