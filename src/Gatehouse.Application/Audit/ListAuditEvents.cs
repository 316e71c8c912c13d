using Gatehouse.Core.Model;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Audit;

/// <summary>Which of an organization's audit events to read.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Filter">The filters and the page.</param>
public sealed record ListAuditEventsQuery(Guid OrganizationId, AuditEventFilter Filter);

/// <summary>An organization's audit log, newest first, in cursor pages; it needs <c>audit.view</c> on the organization.</summary>
public sealed class ListAuditEventsHandler(OrganizationReads reads, GatehouseDb db)
{
    /// <summary>One page of the events matching the filter, or why the actor may not read them.</summary>
    public async Task<Result<Page<AuditEventDto>>> HandleAsync(Actor actor, ListAuditEventsQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var decision = open.Value.Require(ManagementPermissions.ViewAudit);
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        var organizationId = query.OrganizationId;
        return await AuditEventPages.ReadAsync(db, db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId), query.Filter, cancellationToken);
    }
}
