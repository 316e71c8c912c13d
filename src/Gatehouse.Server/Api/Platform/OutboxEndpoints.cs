using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Gatehouse.Server.Email;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Email;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Paging;

namespace Gatehouse.Server.Api;

/// <summary>The email outbox as platform operators see it: what was written, to whom, whether it went out, and retrying what failed.</summary>
public static class OutboxEndpoints
{
    /// <summary>Audit action of an operator's retry.</summary>
    public const string RetriedAction = "email.retried";

    /// <summary>
    /// One email. <c>status</c>: pending (waiting for an attempt), sent (accepted by the SMTP server, or kept in the dev
    /// mailbox: see <c>deliveredVia</c>), failed (every attempt failed; <c>lastError</c> says why) or superseded (a newer
    /// email about the same invitation, password reset or email address replaced it before it went out; never sent).
    /// </summary>
    public sealed record OutboxMessageDto(Guid Id, Guid? OrganizationId, string Kind, string To, string Subject, string TextBody,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError, string Status, string? DeliveredVia, DateTimeOffset NextAttemptAt);

    private static readonly string[] Statuses = [OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Superseded];

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/platform/outbox", ListAsync)
            .WithTags("Platform").WithName("listOutbox")
            .WithSummary("List the outbox")
            .WithDescription("Emails in the outbox, newest first (platform operators); filters: to, status (pending, sent, failed, superseded).")
            .Produces<List<OutboxMessageDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/platform/outbox/{id:guid}/retry", RetryAsync)
            .WithTags("Platform").WithName("retryOutboxMessage")
            .WithSummary("Send an email again")
            .WithDescription("Sends a pending or failed email again now, with a fresh count of attempts (platform operators).")
            .Produces<OutboxMessageDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> ListAsync(HttpContext context, GatehouseDb db, string? to, string? status, int? limit)
    {
        if (!context.Caller().IsPlatformOperator)
        {
            return OperatorsOnly();
        }
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit.ToProblem();
        }
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Problems.Invalid("status", ProblemCodes.ValidationFailed, $"'status' must be one of {string.Join(", ", Statuses)}, or left out for every email.");
        }
        var query = db.Outbox.AsNoTracking();
        if (to is not null)
        {
            if (Core.Users.EmailAddress.Validate(to, "to") is { Succeeded: false } invalid)
            {
                return Problems.From(invalid.Error!, StatusCodes.Status400BadRequest);
            }
            var address = Core.Users.EmailAddress.Normalize(to);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are ASCII
            query = query.Where(m => m.To.ToLower() == address);
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (status is not null)
        {
            query = query.Where(m => m.Status == status);
        }
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit ?? Cursor.DefaultPageSize).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(rows.Select(ToDto).ToList());
    }

    internal static async Task<IResult> RetryAsync(Guid id, HttpContext context, GatehouseDb db, TimeProvider time, OutboxSignal signal)
    {
        var caller = context.Caller();
        if (!caller.IsPlatformOperator)
        {
            return OperatorsOnly();
        }
        var now = time.ChangeTime();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        if (await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, context.RequestAborted) is not { } message)
        {
            return Problems.NotFound(MailProblemCodes.OutboxMessageNotFound, $"There is no email {id} in the outbox. List the outbox to find its id.");
        }
        if (message.Status == OutboxStatus.Sent)
        {
            return Problems.Conflict(MailProblemCodes.OutboxMessageAlreadySent,
                $"Email {id} was already delivered ({message.DeliveredVia} at {message.SentAt:u}); it is not sent twice. Ask for a new email instead (for example resend the invitation).");
        }
        if (message.Status == OutboxStatus.Superseded)
        {
            return Problems.Conflict(MailProblemCodes.OutboxMessageSuperseded,
                $"Email {id} was replaced by a newer email about the same thing, and the link it carries no longer works; it is not sent. Retry the newest one, or ask for a new email (for example resend the invitation).");
        }
        var before = new { message.Status, message.Attempts, message.LastError };
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        AuditLog.Record(db, message.OrganizationId, caller, RetriedAction, "email", message.Id, before, new { message.Status, message.Attempts }, now,
            context.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(context.RequestAborted);
        await transaction.CommitAsync(context.RequestAborted);
        signal.Wake();
        return TypedResults.Ok(ToDto(message));
    }

    private static IResult OperatorsOnly() =>
        Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators may read the outbox.");

    private static OutboxMessageDto ToDto(OutboxMessage m) =>
        new(m.Id, m.OrganizationId, m.Kind, m.To, m.Subject, m.TextBody, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, m.Status, m.DeliveredVia, m.NextAttemptAt);
}
