using System.Runtime.CompilerServices;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Work;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Audit;

/// <summary>Which of an organization's audit events to export (every page of them).</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Filter">The filters; its cursor and limit are ignored, the export starts at the newest event.</param>
public sealed record ExportAuditEventsQuery(Guid OrganizationId, AuditEventFilter Filter);

/// <summary>An export under way: what names the file, and its events one page at a time.</summary>
/// <param name="OrganizationName">The organization's name.</param>
/// <param name="At">When the export started.</param>
/// <param name="Organization">The organization as the engine holds it, to name targets by.</param>
/// <param name="Pages">
/// The pages, newest first, each read (and the actor's access decided again) only when the one before it has been
/// written out, so no export holds the whole log in memory. A failed page ends the export: access was lost halfway.
/// </param>
public sealed record AuditEventExport(string OrganizationName, DateTimeOffset At, CompiledOrganization Organization, IAsyncEnumerable<Result<Page<AuditEventDto>>> Pages);

/// <summary>Every audit event of an organization matching a filter, for a download; needs what listing them needs (<c>audit.view</c>).</summary>
public sealed class ExportAuditEventsHandler(ListAuditEventsHandler list, OrganizationReads reads, GatehouseDb db, TimeProvider time)
{
    /// <summary>Events read per page while exporting.</summary>
    public const int PageSize = Cursor.MaxPageSize;

    /// <summary>The export, whose first page is already read; or why the actor may not export (the list's own failure).</summary>
    public async Task<Result<AuditEventExport>> HandleAsync(Actor actor, ExportAuditEventsQuery query, CancellationToken cancellationToken = default)
    {
        var filter = query.Filter with { Cursor = null, Limit = PageSize };
        var first = await list.HandleAsync(actor, new ListAuditEventsQuery(query.OrganizationId, filter), cancellationToken);
        if (!first.Succeeded)
        {
            return first.Failure;
        }
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var organizationId = query.OrganizationId;
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return new AuditEventExport(name, time.GetUtcNow(), open.Value.Organization, PagesAsync(actor, organizationId, filter, first.Value, cancellationToken));
    }

    private async IAsyncEnumerable<Result<Page<AuditEventDto>>> PagesAsync(Actor actor, Guid organizationId, AuditEventFilter filter, Page<AuditEventDto> first,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return first;
        var page = first;
        while (page.NextCursor is { } next)
        {
            var more = await list.HandleAsync(actor, new ListAuditEventsQuery(organizationId, filter with { Cursor = next }), cancellationToken);
            yield return more;
            if (!more.Succeeded)
            {
                yield break;
            }
            page = more.Value;
        }
    }
}
