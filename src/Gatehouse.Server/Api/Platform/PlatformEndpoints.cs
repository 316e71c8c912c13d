using Gatehouse.Application.Platform;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Platform;

/// <summary>Platform operators' tools that span organizations over REST: finding a user and erasing an account (the use cases are in Gatehouse.Application.Platform).</summary>
public static class PlatformEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/platform/users").WithTags("Platform").ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", FindAsync)
            .WithName("findAccounts")
            .WithSummary("Finds users by email (platform operators); an empty list when there is none.")
            .WithDescription("Looks an account up across organizations by its email address (the 'email' query parameter, required): "
                + "the user, whether it was erased, and its memberships. Only platform operators may ask.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapDelete("/{userId:guid}", EraseAsync)
            .WithName("eraseAccount")
            .WithSummary("Erases an account (platform operators): removes its memberships, grants, API keys and invitations, "
                + "and replaces the person's email, names and phone by a pseudonym everywhere, including the audit log.")
            .WithDescription("GDPR art. 17 erasure in one transaction: every organization the person was in is locked and checked with the management policy; "
                + "the user row stays as a pseudonym so audit events keep pointing somewhere. Operators cannot erase themselves; an erased account answers 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(Guid userId, EraseAccountHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new EraseAccountCommand(userId), context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<List<PlatformUserDto>>, ProblemHttpResult>> FindAsync(string? email, FindAccountHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new FindAccountQuery(email), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
