using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api;

/// <summary>
/// The dev mailbox: without an SMTP server, emails stay here and anyone on this machine can read them, without a key
/// (a brand-new invitee has none). Closed (404) when SMTP is configured or the request is not local.
/// </summary>
public static class DevMailboxEndpoints
{
    /// <summary>An email in the list.</summary>
    public sealed record DevMailDto(Guid Id, string Kind, string To, string Subject, DateTimeOffset CreatedAt, string Status);

    /// <summary>One email with its bodies.</summary>
    public sealed record DevMailDetailDto(Guid Id, string Kind, string To, string Subject, DateTimeOffset CreatedAt, string Status, string TextBody, string? HtmlBody);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dev/mailbox").WithTags("Dev mailbox").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        if (((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured)
        {
            // With SMTP the mailbox answers 404 to everyone, so the API description leaves it out.
            group.ExcludeFromDescription();
        }
        group.MapGet("/", ListAsync).WithName("listDevMailbox")
            .WithSummary("List the dev mailbox")
            .WithDescription("Emails kept in the dev mailbox, newest first; filter by recipient with 'to'. Only without SMTP and only from this machine; no key needed.")
            .Produces<List<DevMailDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).WithName("getDevMail")
            .WithSummary("Read one email of the dev mailbox")
            .WithDescription("One email of the dev mailbox with its text and HTML bodies.")
            .Produces<DevMailDetailDto>();
        group.MapGet("/{id:guid}/html", HtmlAsync).WithName("getDevMailHtml")
            .WithSummary("Show one email's HTML")
            .WithDescription("The HTML body of one email as a document of its own, for a sandboxed frame: its policy runs no script and loads nothing.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    /// <summary>The newest emails, optionally to one address; null with a problem when the query is bad.</summary>
    public static async Task<(IResult? Problem, List<OutboxMessage> Mails)> QueryAsync(GatehouseDb db, string? to, int? limit, CancellationToken cancellationToken)
    {
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return (badLimit.ToProblem(), []);
        }
        var query = db.Outbox.AsNoTracking();
        if (to is not null)
        {
            if (Core.Users.EmailAddress.Validate(to, "to") is { Succeeded: false } invalid)
            {
                return (Problems.From(invalid.Error!, StatusCodes.Status400BadRequest), []);
            }
            var address = Core.Users.EmailAddress.Normalize(to);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are ASCII
            query = query.Where(m => m.To.ToLower() == address);
#pragma warning restore CA1304, CA1311, CA1862
        }
        return (null, await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit ?? Cursor.DefaultPageSize).ToListAsync(cancellationToken));
    }

    internal static async Task<IResult> ListAsync(HttpContext context, GatehouseDb db, string? to, int? limit)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        var (problem, mails) = await QueryAsync(db, to, limit, context.RequestAborted);
        return problem ?? TypedResults.Ok(mails.Select(m => new DevMailDto(m.Id, m.Kind, m.To, m.Subject, m.CreatedAt, m.Status)).ToList());
    }

    internal static async Task<IResult> HtmlAsync(Guid id, HttpContext context, GatehouseDb db)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        if (await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.HtmlBody }).SingleOrDefaultAsync(context.RequestAborted) is not { } mail)
        {
            return Problems.NotFound(MailProblemCodes.OutboxMessageNotFound, $"There is no email {id} in the dev mailbox. List the mailbox to find its id.");
        }
        // Set before the security headers middleware adds its own (it keeps what an endpoint set): the email's HTML
        // runs in an opaque origin with no script and no requests, and only the dev mailbox page may frame it.
        context.Response.Headers.ContentSecurityPolicy = DevMailbox.HtmlPolicy;
        context.Response.Headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.Content(mail.HtmlBody ?? "<!DOCTYPE html><p>This email has no HTML body.</p>", "text/html; charset=utf-8");
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext context, GatehouseDb db)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        return await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, context.RequestAborted) is { } m
            ? TypedResults.Ok(new DevMailDetailDto(m.Id, m.Kind, m.To, m.Subject, m.CreatedAt, m.Status, m.TextBody, m.HtmlBody))
            : Problems.NotFound(MailProblemCodes.OutboxMessageNotFound, $"There is no email {id} in the dev mailbox. List the mailbox to find its id.");
    }
}
