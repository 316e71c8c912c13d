using System.Globalization;
using System.Text;
using Gatehouse.Application.Audit;
using Gatehouse.Core.Access;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.Net.Http.Headers;

namespace Gatehouse.Server.Components.Pages.Organizations.Audit;

/// <summary>
/// <c>GET /orgs/{id}/audit.csv?…</c>: the audit log's events matching the page's filters as a CSV download (RFC 4180).
/// Not under <c>/api</c>, so the console's session cookie signs it in. The events come from the export use case one
/// page at a time, each written out before the next is read, so no export holds the whole log in memory. A caller who
/// may not read the log gets the API's problem (403 with the policy's sentence, 404 for another organization).
/// </summary>
public static class AuditExport
{
    /// <summary>Events read per page while exporting.</summary>
    public const int PageSize = ExportAuditEventsHandler.PageSize;

    private static readonly string[] Header =
        ["When (UTC)", "Who", "Who (user id)", "Action", "Action code", "Target", "Target type", "Target id", "Before", "After", "From (IP address)", "Event id"];

    /// <summary>Maps the download next to the console's pages.</summary>
    public static void Map(WebApplication app) =>
        app.MapGet("/orgs/{organizationId:guid}/audit.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    internal static async Task<IResult> ExportAsync(Guid organizationId, HttpContext context, ExportAuditEventsHandler handler)
    {
        var filter = AuditFilter.FromQuery(context.Request.Query).ToFilter(null, PageSize);
        var started = await handler.HandleAsync(context.Actor(), new ExportAuditEventsQuery(organizationId, filter), context.RequestAborted);
        if (!started.Succeeded)
        {
            return started.Failure.ToProblem();
        }
        var export = started.Value;
        return new CsvDownload(FileName(export.OrganizationName, export.At), async (writer, cancellationToken) =>
        {
            var words = ConsoleWords.Of(export.Organization.Model);
            await Csv.WriteRowAsync(writer, Header);
            await foreach (var page in export.Pages.WithCancellation(cancellationToken))
            {
                if (!page.Succeeded)
                {
                    // Access was lost halfway (deactivated meanwhile): the download fails rather than ending as if complete.
                    return false;
                }
                foreach (var e in page.Value.Items)
                {
                    await Csv.WriteRowAsync(writer, Row(e, export.Organization, words));
                }
                await writer.FlushAsync(cancellationToken);
            }
            return true;
        });
    }

    private static string?[] Row(AuditEventDto e, CompiledOrganization organization, ConsoleWords words) =>
    [
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        e.Actor.UserId is null ? "System" : e.Actor.Name,
        e.Actor.UserId?.ToString(),
        AuditWords.Label(e.Action, words),
        e.Action,
        AuditWords.Target(e, organization, words),
        e.TargetType,
        e.TargetId,
        e.Before?.GetRawText(),
        e.After?.GetRawText(),
        e.IpAddress,
        e.Id.ToString(),
    ];

    /// <summary>audit-acme-gmbh-2026-01-31.csv: the organization's name in plain ASCII letters and digits, and the day.</summary>
    internal static string FileName(string organizationName, DateTimeOffset now)
    {
        var slug = new StringBuilder();
        foreach (var c in organizationName.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        var name = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"audit-{(name.Length == 0 ? "log" : name[..Math.Min(name.Length, 60)])}-{now:yyyy-MM-dd}.csv";
    }

    /// <summary>Streams a CSV attachment; the writer returns false when the export could not be finished (the connection is then cut).</summary>
    private sealed class CsvDownload(string fileName, Func<TextWriter, CancellationToken, Task<bool>> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            // UTF-8 with a byte order mark, so spreadsheet programs read names with accents right.
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
            if (!await write(writer, httpContext.RequestAborted))
            {
                await writer.FlushAsync(httpContext.RequestAborted);
                httpContext.Abort();
            }
        }
    }
}

/// <summary>Writing CSV (RFC 4180) that is also safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>Writes one record ending with CRLF.</summary>
    public static async Task WriteRowAsync(TextWriter writer, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }
            first = false;
            await writer.WriteAsync(Cell(cell));
        }
        await writer.WriteAsync("\r\n");
    }

    /// <summary>
    /// One field: a value a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
    /// leading apostrophe; a field holding a comma, a quote or a line break is quoted, with its quotes doubled.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
