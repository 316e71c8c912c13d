using System.Globalization;
using Gatehouse.Application.Paging;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Audit;

/// <summary>The filters and the page of an audit log read.</summary>
/// <param name="ActorUserId">Only changes made by this user.</param>
/// <param name="TargetMemberId">Only changes to this member.</param>
/// <param name="Action">An exact action (<c>member.deactivated</c>) or a prefix ending with a dot (<c>member.</c>).</param>
/// <param name="From">Only changes at or after this time (ISO 8601).</param>
/// <param name="To">Only changes before this time (ISO 8601).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1 to 200.</param>
/// <param name="ActorEmail">
/// Only changes made by the account with this email (the console's person filter). An email of nobody matches
/// nothing, so the answer never says whether such an account exists.
/// </param>
public sealed record AuditEventFilter(Guid? ActorUserId = null, Guid? TargetMemberId = null, string? Action = null, string? From = null, string? To = null,
    string? Cursor = null, int? Limit = null, string? ActorEmail = null);

/// <summary>One page of audit events, newest first, after the caller's access to them was decided.</summary>
internal static class AuditEventPages
{
    private sealed record Key(DateTimeOffset At, Guid Id);

    public static async Task<Result<Page<AuditEventDto>>> ReadAsync(GatehouseDb db, IQueryable<AuditEvent> events, AuditEventFilter filter, CancellationToken cancellationToken)
    {
        if (Cursor.CheckLimit(filter.Limit) is { } badLimit)
        {
            return badLimit;
        }
        if (!Cursor.TryDecode<Key>(filter.Cursor, out var after))
        {
            return Cursor.Invalid();
        }
        if (!TryParseTime(filter.From, out var from))
        {
            return InvalidTime("from");
        }
        if (!TryParseTime(filter.To, out var to))
        {
            return InvalidTime("to");
        }
        if (filter.Action is { Length: > 100 })
        {
            return Failure.Invalid("action", AuditCodes.ValidationFailed, "'action' is at most 100 characters: an action like 'member.deactivated', or a prefix like 'member.'.");
        }
        if (filter.ActorUserId is { } actor)
        {
            events = events.Where(e => e.ActorUserId == actor);
        }
        if (filter.ActorEmail is { } email)
        {
            var normalized = EmailAddress.Normalize(email);
            var person = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken)
                ?? Guid.Empty;
            events = events.Where(e => e.ActorUserId == person);
        }
        if (filter.TargetMemberId is { } member)
        {
            var target = member.ToString();
            events = events.Where(e => e.TargetType == "member" && e.TargetId == target);
        }
        if (filter.Action is { Length: > 0 } action)
        {
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
        var size = filter.Limit ?? Cursor.DefaultPageSize;
        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Cursor.Encode(new Key(rows[size - 1].OccurredAt, rows[size - 1].Id)) : null;
        return new Page<AuditEventDto>([.. rows.Take(size).Select(AuditEventViews.ToDto)], next);
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

    private static Failure InvalidTime(string field) =>
        Failure.Invalid(field, AuditCodes.ValidationFailed, $"'{field}' must be a time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z.");
}
