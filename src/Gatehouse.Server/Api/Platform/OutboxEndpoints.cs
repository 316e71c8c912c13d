using Gatehouse.Data;
using Gatehouse.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>The email outbox as platform operators see it: what was written, to whom, and whether it went out.</summary>
public static class OutboxEndpoints
{
    /// <summary>One email.</summary>
    public sealed record OutboxMessageDto(Guid Id, Guid? OrganizationId, string Kind, string To, string Subject, string TextBody,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

    /// <summary>Maps the endpoint.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/platform/outbox", ListAsync)
            .WithTags("Platform")
            .WithSummary("Emails in the outbox, newest first (platform operators). Until email delivery is configured this is where invitation links are found.")
            .Produces<List<OutboxMessageDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> ListAsync(HttpContext context, GatehouseDb db, string? to, int? limit)
    {
        if (!context.Caller().IsPlatformOperator)
        {
            return Problems.Forbidden(ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators may read the outbox.");
        }
        if (Cursor.CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
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
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit ?? Cursor.DefaultPageSize).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(rows.Select(m => new OutboxMessageDto(m.Id, m.OrganizationId, m.Kind, m.To, m.Subject, m.TextBody, m.CreatedAt, m.SentAt, m.Attempts, m.LastError)).ToList());
    }
}
