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

/// <summary>
/// An organization's audit log, newest first, in cursor pages: all of it with <c>audit.view</c> on the organization, or the
/// events about the scopes where the viewer holds it (Core's <see cref="AuditVisibility"/>).
/// </summary>
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
        var (visibility, refusal) = AuditVisibility.For(open.Value.Organization, open.Value.Policy);
        if (visibility is null)
        {
            return Failure.From(refusal);
        }
        var organizationId = query.OrganizationId;
        var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId);
        if (!visibility.Everyone)
        {
            // Every place the event touches within the viewer's scopes, and at least one place (older events have none).
            var reach = visibility.Scopes.ToList();
            events = events.Where(e => db.AuditEventPlaces.Any(p => p.EventId == e.Id)
                && !db.AuditEventPlaces.Any(p => p.EventId == e.Id && !reach.Contains(p.ScopeId)));
        }
        return await AuditEventPages.ReadAsync(db, events, query.Filter, cancellationToken);
    }
}
