using Gatehouse.Application.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Gatehouse.Server.Email;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Api.Platform;

/// <summary>
/// The dev mailbox: without an SMTP server, emails stay here and anyone on this machine can read them, without a key
/// (a brand-new invitee has none). Closed (404) when SMTP is configured or the request is not local.
/// </summary>
public static class DevMailboxEndpoints
{
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
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).WithName("getDevMail")
            .WithSummary("Read one email of the dev mailbox")
            .WithDescription("One email of the dev mailbox with its text and HTML bodies.");
        group.MapGet("/{id:guid}/html", HtmlAsync).WithName("getDevMailHtml")
            .WithSummary("Show one email's HTML")
            .WithDescription("The HTML body of one email as a document of its own, for a sandboxed frame: its policy runs no script and loads nothing.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    private static async Task<Results<Ok<List<DevMailDto>>, ProblemHttpResult>> ListAsync(HttpContext context, ReadDevMailboxHandler mailbox, string? to, int? limit)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        var result = await mailbox.ListAsync(new ListDevMailQuery(to, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> HtmlAsync(Guid id, HttpContext context, ReadDevMailboxHandler mailbox)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        var result = await mailbox.HtmlAsync(id, context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Failure.ToProblem();
        }
        // Set before the security headers middleware adds its own (it keeps what an endpoint set): the email's HTML
        // runs in an opaque origin with no script and no requests, and only the dev mailbox page may frame it.
        context.Response.Headers.ContentSecurityPolicy = DevMailbox.HtmlPolicy;
        context.Response.Headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.Content(DevMailbox.Framed(result.Value ?? "<!DOCTYPE html><p>This email has no HTML body.</p>"), "text/html; charset=utf-8");
    }

    private static async Task<Results<Ok<DevMailDetailDto>, ProblemHttpResult>> GetAsync(Guid id, HttpContext context, ReadDevMailboxHandler mailbox)
    {
        if (!DevMailbox.IsOpenTo(context))
        {
            return DevMailbox.Closed();
        }
        var result = await mailbox.GetAsync(id, context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
