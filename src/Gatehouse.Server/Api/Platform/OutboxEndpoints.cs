using Gatehouse.Application.Email;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Platform;

/// <summary>The email outbox over REST, for platform operators (the use cases are in Gatehouse.Application.Email).</summary>
public static class OutboxEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/platform/outbox", ListAsync)
            .WithTags("Platform").WithName("listOutbox")
            .WithSummary("List the outbox")
            .WithDescription("Emails in the outbox, newest first (platform operators); filters: to, status (pending, sent, failed, superseded).")
            .WithParameterValues("status", ListOutboxQuery.Statuses)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/platform/outbox/{id:guid}/retry", RetryAsync)
            .WithTags("Platform").WithName("retryOutboxMessage")
            .WithSummary("Send an email again")
            .WithDescription("Sends a pending or failed email again now, with a fresh count of attempts (platform operators).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<List<OutboxMessageDto>>, ProblemHttpResult>> ListAsync(string? to, string? status, int? limit,
        ListOutboxHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListOutboxQuery(to, status, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<OutboxMessageDto>, ProblemHttpResult>> RetryAsync(Guid id, RetryOutboxMessageHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new RetryOutboxMessageCommand(id), CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
