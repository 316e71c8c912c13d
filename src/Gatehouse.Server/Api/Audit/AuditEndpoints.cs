using Gatehouse.Application.Audit;
using Gatehouse.Application.Paging;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Server.Api.Audit;

/// <summary>The audit log over REST (the use cases are in Gatehouse.Application.Audit): what changed, who changed it, when and from where; newest first, in cursor pages.</summary>
public static class AuditEndpoints
{
    /// <summary>The filters of a list, named in camelCase like every other list's (binding ignores case, so older callers keep working).</summary>
    /// <param name="ActorUserId">Only changes made by this user.</param>
    /// <param name="TargetMemberId">Only changes to this member.</param>
    /// <param name="Action">An exact action (<c>member.deactivated</c>) or a prefix ending with a dot (<c>member.</c>).</param>
    /// <param name="From">Only changes at or after this time (ISO 8601).</param>
    /// <param name="To">Only changes before this time (ISO 8601).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="Limit">Page size, 1 to 200.</param>
    public sealed record AuditQuery(
        [FromQuery(Name = "actorUserId")] Guid? ActorUserId,
        [FromQuery(Name = "targetMemberId")] Guid? TargetMemberId,
        [FromQuery(Name = "action")] string? Action,
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "cursor")] string? Cursor,
        [FromQuery(Name = "limit")] int? Limit)
    {
        /// <summary>The use cases' filter.</summary>
        public AuditEventFilter ToFilter() => new(ActorUserId, TargetMemberId, Action, From, To, Cursor, Limit);
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/organizations/{organizationId:guid}/audit-events", OrganizationEventsAsync)
            .WithTags("Audit")
            .WithName("listAuditEvents")
            .WithSummary("The organization's audit events, newest first, filtered by actor, target member, action (exact or 'prefix.') and time range (needs 'audit.view'; at some scopes only, the events about them).")
            .WithDescription("Who changed what in the organization, when and from which address, with the JSON states before and after each change. "
                + "Filters combine; 'action' is an exact action such as 'member.deactivated' or a prefix ending with a dot such as 'member.'; "
                + "'from' is inclusive and 'to' exclusive (ISO 8601). Pages of up to 200 events; pass 'nextCursor' as 'cursor' for the next one. "
                + "Needs 'audit.view' on the organization (403 otherwise); an organization the caller cannot see answers 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/platform/audit-events", PlatformEventsAsync)
            .WithTags("Platform")
            .WithName("listPlatformAuditEvents")
            .WithSummary("Platform-level audit events (setup, personal API keys, account erasures), newest first (platform operators).")
            .WithDescription("The events that belong to no organization: the first setup, personal API keys and account erasures. "
                + "Same filters and cursor pages as an organization's audit events. Only the product's platform operators may read them "
                + "(403 platform_operator_required).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<Page<AuditEventDto>>, ProblemHttpResult>> OrganizationEventsAsync(Guid organizationId, [AsParameters] AuditQuery query,
        ListAuditEventsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListAuditEventsQuery(organizationId, query.ToFilter()), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<Page<AuditEventDto>>, ProblemHttpResult>> PlatformEventsAsync([AsParameters] AuditQuery query,
        ListPlatformAuditEventsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListPlatformAuditEventsQuery(query.ToFilter()), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
