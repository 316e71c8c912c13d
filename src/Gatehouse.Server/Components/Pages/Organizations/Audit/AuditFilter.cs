using System.Globalization;
using Gatehouse.Application.Audit;

namespace Gatehouse.Server.Components.Pages.Organizations.Audit;

/// <summary>
/// The audit log's filters as the console's addresses carry them (<c>?person=&amp;action=&amp;from=&amp;to=&amp;member=</c>),
/// shared by the page and its CSV export so both ask the use case exactly the same question.
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
    public bool IsEmpty => ActiveFilters == 0;

    /// <summary>How many filters narrow the log (the member page's link counts): the folded filters' summary says so on a phone.</summary>
    public int ActiveFilters => new object?[] { Person, Member, Action, From, To }.Count(v => v is not null);

    /// <summary>
    /// The use case's filter. The person is named by email, which the use case looks up (an email of nobody filters to
    /// nothing; the answer never says whether such an account exists). Days become UTC instants: <c>to</c> includes its
    /// whole day. A day that is not a date is passed on as written, so the use case's own field error is shown.
    /// </summary>
    public AuditEventFilter ToFilter(string? cursor, int limit) =>
        new(null, Member, Action, Day(From, 0), Day(To, 1), cursor, limit, ActorEmail: Person);

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
