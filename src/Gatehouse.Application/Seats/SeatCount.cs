using Gatehouse.Core.Invitations;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Seats;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Seats;

/// <summary>Counts an organization's seats from the database (service accounts never take a seat).</summary>
public static class SeatCount
{
    /// <summary>The organization's seat usage now.</summary>
    public static async Task<SeatUsage> CountAsync(GatehouseDb db, Organization organization, AccessModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await db.Members.CountAsync(m => m.OrganizationId == organization.Id && m.Status == MemberStatus.Active
            && EF.Property<UserKind>(m, GatehouseDb.MemberDirectory.UserKind) == UserKind.Person, cancellationToken);
        var pending = model.Policies.SeatCounting == SeatCounting.ActiveMembersAndPendingInvitations
            ? await db.Invitations.CountAsync(i => i.OrganizationId == organization.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, cancellationToken)
            : 0;
        return SeatUsage.Count(active, pending, organization.SeatLimit, model.Policies.SeatCounting);
    }

    /// <summary>
    /// Whether the organization has room for more seats (<paramref name="seats"/> says how many, given the usage). Without a
    /// seat limit there always is, and nothing is counted: counting reads every active membership, under the organization's lock.
    /// </summary>
    public static async Task<Result> CanTakeAsync(GatehouseDb db, Organization organization, AccessModel model, DateTimeOffset now, Func<SeatUsage, int> seats,
        CancellationToken cancellationToken)
    {
        if (organization.SeatLimit is null)
        {
            return Result.Success;
        }
        var usage = await CountAsync(db, organization, model, now, cancellationToken);
        return usage.CanTake(seats(usage));
    }
}
