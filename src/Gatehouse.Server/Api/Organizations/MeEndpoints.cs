using Gatehouse.Application.Accounts;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Organizations;

/// <summary>The caller over REST (the use case is in Gatehouse.Application.Accounts).</summary>
public static class MeEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", GetAsync).WithTags("Me").WithName("getMe")
            .WithSummary("Read your account")
            .WithDescription("The caller's account, memberships and what they may do in each organization.");

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetAsync(HttpContext context, ReadMyAccountHandler handler)
    {
        var result = await handler.HandleAsync(context.Actor(), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
