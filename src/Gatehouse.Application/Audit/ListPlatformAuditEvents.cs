using Gatehouse.Application.Paging;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Audit;

/// <summary>Which of the platform's audit events (those of no organization) to read.</summary>
/// <param name="Filter">The filters and the page.</param>
public sealed record ListPlatformAuditEventsQuery(AuditEventFilter Filter);

/// <summary>The platform's audit log (setup, personal API keys, account erasures), newest first; for platform operators only.</summary>
public sealed class ListPlatformAuditEventsHandler(GatehouseDb db)
{
    /// <summary>One page of the events matching the filter, or the refusal for anyone but a platform operator.</summary>
    public async Task<Result<Page<AuditEventDto>>> HandleAsync(Actor actor, ListPlatformAuditEventsQuery query, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(AuditCodes.PlatformOperatorRequired, "Only the product's platform operators read the platform's audit log.");
        }
        return await AuditEventPages.ReadAsync(db, db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == null), query.Filter, cancellationToken);
    }
}
