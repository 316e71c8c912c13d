using System.Globalization;
using System.Text.Json;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Model;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api;

/// <summary>The audit log: what changed, who changed it, when and from where; newest first, in cursor pages.</summary>
public static class AuditEndpoints
{
    /// <summary>Who made a change (null user id = the system).</summary>
    public sealed record AuditActorDto(Guid? UserId, string Name);

    /// <summary>One audit event; <c>before</c> and <c>after</c> are the JSON states around the change.</summary>
    public sealed record AuditEventDto(Guid Id, Guid? OrganizationId, AuditActorDto Actor, string Action, string TargetType, string TargetId,
        JsonElement? Before, JsonElement? After, DateTimeOffset OccurredAt, string? IpAddress);

    /// <summary>The filters of a list.</summary>
    /// <param name="ActorUserId">Only changes made by this user.</param>
    /// <param name="TargetMemberId">Only changes to this member.</param>
    /// <param name="Action">An exact action (<c>member.deactivated</c>) or a prefix ending with a dot (<c>member.</c>).</param>
    /// <param name="From">Only changes at or after this time (ISO 8601).</param>
    /// <param name="To">Only changes before this time (ISO 8601).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="Limit">Page size, 1 to 200.</param>
    public sealed record AuditQuery(Guid? ActorUserId, Guid? TargetMemberId, string? Action, string? From, string? To, string? Cursor, int? Limit);

    private sealed record Key(DateTimeOffset At, Guid Id);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/organizations/{organizationId:guid}/audit-events", OrganizationEventsAsync)
            .WithTags("Audit")
            .WithSummary("The organization's audit events, newest first, filtered by actor, target member, action (exact or 'prefix.') and time range (needs 'audit.view').")
            .Produces<Page<AuditEventDto>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/platform/audit-events", PlatformEventsAsync)
            .WithTags("Platform")
            .WithSummary("Platform-level audit events (setup, personal API keys, account erasures), newest first (platform operators).")
            .Produces<Page<AuditEventDto>>().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    internal static async Task<IResult> OrganizationEventsAsync(Guid organizationId, [AsParameters] AuditQuery query, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        var decision = opened.Require(ManagementPermissions.ViewAudit);
        if (!decision.IsAllowed)
        {
            return Problems.From(decision);
        }
        return await ListAsync(db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId), query, context.RequestAborted);
    }

    internal static async Task<IResult> PlatformEventsAsync([AsParameters] AuditQuery query, HttpContext context, GatehouseDb db)
    {
        if (!context.Caller().IsPlatformOperator)
        {
            return Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators read the platform's audit log.");
        }
        return await ListAsync(db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == null), query, context.RequestAborted);
    }

    internal static async Task<IResult> ListAsync(IQueryable<AuditEvent> events, AuditQuery query, CancellationToken cancellationToken)
    {
        if (Cursor.CheckLimit(query.Limit) is { } badLimit)
        {
            return badLimit.ToProblem();
        }
        if (!Cursor.TryDecode<Key>(query.Cursor, out var after))
        {
            return Cursor.Invalid().ToProblem();
        }
        if (!TryParseTime(query.From, out var from))
        {
            return InvalidTime("from");
        }
        if (!TryParseTime(query.To, out var to))
        {
            return InvalidTime("to");
        }
        if (query.ActorUserId is { } actor)
        {
            events = events.Where(e => e.ActorUserId == actor);
        }
        if (query.TargetMemberId is { } member)
        {
            var target = member.ToString();
            events = events.Where(e => e.TargetType == "member" && e.TargetId == target);
        }
        if (query.Action is { Length: > 0 } action)
        {
            if (action.Length > 100)
            {
                return Problems.Invalid("action", ProblemCodes.ValidationFailed, "'action' is at most 100 characters: an action like 'member.deactivated', or a prefix like 'member.'.");
            }
            events = action.EndsWith('.') ? events.Where(e => e.Action.StartsWith(action)) : events.Where(e => e.Action == action);
        }
        if (from is { } since)
        {
            events = events.Where(e => e.OccurredAt >= since);
        }
        if (to is { } until)
        {
            events = events.Where(e => e.OccurredAt < until);
        }
        if (after is not null)
        {
            var at = after.At.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < at || (e.OccurredAt == at && e.Id.CompareTo(after.Id) < 0));
        }
        var size = query.Limit ?? Cursor.DefaultPageSize;
        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Cursor.Encode(new Key(rows[size - 1].OccurredAt, rows[size - 1].Id)) : null;
        return TypedResults.Ok(new Page<AuditEventDto>([.. rows.Take(size).Select(ToDto)], next));
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }
        return false;
    }

    private static IResult InvalidTime(string field) =>
        Problems.Invalid(field, ProblemCodes.ValidationFailed, $"'{field}' must be a time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z.");

    private static AuditEventDto ToDto(AuditEvent e) =>
        new(e.Id, e.OrganizationId, new AuditActorDto(e.ActorUserId, e.ActorName), e.Action, e.TargetType, e.TargetId,
            Parse(e.Before), Parse(e.After), e.OccurredAt, e.IpAddress);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored before/after is always JSON; should a row ever hold something else, it is shown as a string rather than failing the page.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
