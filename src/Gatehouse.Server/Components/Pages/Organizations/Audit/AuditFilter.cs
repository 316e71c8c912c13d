using System.Globalization;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Api;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Components.Pages.Organizations.Audit;

/// <summary>
/// The audit log's filters as the console's addresses carry them (<c>?person=&amp;action=&amp;from=&amp;to=&amp;member=</c>),
/// shared by the page and its CSV export so both ask the API's handler exactly the same question.
/// </summary>
/// <param name="Person">The email of who made the changes.</param>
/// <param name="Member">Only changes to this member (the member page links here).</param>
/// <param name="Action">An action code or a prefix ending with a dot.</param>
/// <param name="From">The first day, yyyy-MM-dd (UTC).</param>
/// <param name="To">The last day, yyyy-MM-dd (UTC), included.</param>
public sealed record AuditFilter(string? Person, Guid? Member, string? Action, string? From, string? To)
{
    /// <summary>Reads the filters of a request's query string.</summary>
    public static AuditFilter FromQuery(IQueryCollection query) =>
        new(Text(query["person"]), Guid.TryParse(query["member"], out var member) ? member : null, Text(query["action"]), Text(query["from"]), Text(query["to"]));

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => Person is null && Member is null && Action is null && From is null && To is null;

    /// <summary>
    /// The API handler's query. The API filters by the actor's user id, so the email is looked up first; an email of
    /// nobody filters to nothing (the answer never says whether such an account exists). Days become UTC instants:
    /// <c>to</c> includes its whole day. A day that is not a date is passed on as written, so the API's own field error is shown.
    /// </summary>
    public async Task<AuditEndpoints.AuditQuery> ToQueryAsync(GatehouseDb db, string? cursor, int limit, CancellationToken cancellationToken)
    {
        Guid? actor = null;
        if (Person is { } person)
        {
            var normalized = EmailAddress.Normalize(person);
            actor = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken)
                ?? Guid.Empty;
        }
        return new AuditEndpoints.AuditQuery(actor, Member, Action, Day(From, 0), Day(To, 1), cursor, limit);
    }

    /// <summary>The filters as a query string (without '?'), with an optional cursor.</summary>
    public string QueryString(string? cursor = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("person", Person);
        Add("member", Member?.ToString());
        Add("action", Action);
        Add("from", From);
        Add("to", To);
        Add("cursor", cursor);
        return string.Join('&', parts);
    }

    private static string? Day(string? text, int addDays) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < DateOnly.MaxValue
            ? day.AddDays(addDays).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture)
            : text;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
