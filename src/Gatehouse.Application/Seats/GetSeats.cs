using Gatehouse.Application.Work;
using Gatehouse.Core.Model;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Seats;

/// <summary>Which organization's seats to count.</summary>
/// <param name="OrganizationId">The organization.</param>
public sealed record GetSeatsQuery(Guid OrganizationId);

/// <summary>Seat usage.</summary>
/// <param name="Used">Seats taken.</param>
/// <param name="Limit">Licensed seats, or null.</param>
/// <param name="Free">Seats left, or null without a limit.</param>
/// <param name="Counting">Which members count: <c>active_members</c> or <c>active_members_and_pending_invitations</c>.</param>
public sealed record SeatsDto(int Used, int? Limit, int? Free, SeatCounting Counting);

/// <summary>Seats used, the limit and how they are counted; any active member (or product support) may read them.</summary>
public sealed class GetSeatsHandler(OrganizationReads reads, GatehouseDb db, AccessModel model, TimeProvider time)
{
    /// <summary>The seat usage now, or why the actor may not read it.</summary>
    public async Task<Result<SeatsDto>> HandleAsync(Actor actor, GetSeatsQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        if (await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken) is not { } organization)
        {
            return OrganizationWork.OrganizationNotFound(query.OrganizationId);
        }
        var usage = await SeatCount.CountAsync(db, organization, model, time.GetUtcNow(), cancellationToken);
        return new SeatsDto(usage.Used, usage.Limit, usage.Free, usage.Counting);
    }
}
