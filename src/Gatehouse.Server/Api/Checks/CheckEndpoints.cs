using Gatehouse.Application.Checks;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Checks;

/// <summary>
/// Access checks for products over REST (the use cases are in Gatehouse.Application.Checks): "may this user do X
/// here?", in batches, why, and a member's effective permissions. Answers come from the in-memory engine (no
/// database query per call); a user who is not a member is simply not allowed.
/// </summary>
public static class CheckEndpoints
{
    /// <summary>One check.</summary>
    /// <param name="UserId">Whose access is checked.</param>
    /// <param name="Permission">A permission codename of the catalog, e.g. <c>repairs.view</c>.</param>
    /// <param name="ScopeId">The scope, or null for the organization.</param>
    /// <param name="ResourceOwnerUserId">The owner of the resource, for <c>view_own</c> permissions.</param>
    public sealed record CheckRequest(Guid UserId, string Permission, Guid? ScopeId, Guid? ResourceOwnerUserId);

    /// <summary>Many checks for one user.</summary>
    public sealed record BatchCheckRequest(Guid UserId, IReadOnlyList<BatchItem>? Checks);

    // Both answers of a check are made once, so that answering one allocates no result objects (the hot path).
    private static readonly Results<Ok<CheckAnswer>, ProblemHttpResult> AllowedAnswer = TypedResults.Ok(CheckAccessHandler.Allowed.Value);
    private static readonly Results<Ok<CheckAnswer>, ProblemHttpResult> DeniedAnswer = TypedResults.Ok(CheckAccessHandler.Denied.Value);

    private const string WhoMayAsk = "Asked by the user about themself, a service account of the organization, a platform operator, or a member who may see "
        + "the user and holds 'members.view' at the organization or the scope (about anyone else: 404 member_not_found, so a check reveals no one).";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        // Only the answers these endpoints really give: a field error (400), the policy's refusal (403), an organization or member the caller cannot see (404).
        var group = api.MapGroup("/organizations/{organizationId:guid}").WithTags("Access checks")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/check", CheckAsync)
            .WithName("checkAccess")
            .WithSummary("May the user do this, at this scope (or the organization)? A user who is not a member gets allowed=false. "
                + "Asked by the user about themself, a service account of the organization, a platform operator, or a member who may see the user and holds 'members.view' at the organization or the scope (about anyone else: 404 member_not_found).")
            .WithDescription("Answered from memory, without a database query. A user who is not a member, or an unknown scope, is a plain allowed=false; "
                + "an unknown permission codename is 400 unknown_permission on 'permission'. " + WhoMayAsk);

        group.MapGet("/check", CheckByQueryAsync)
            .WithName("checkAccessByQuery")
            .WithSummary("The same check as POST, from the query string.")
            .WithDescription("The same question and answer as POST /check, with userId, permission, scopeId and resourceOwnerUserId in the query string. " + WhoMayAsk);

        group.MapPost("/check/batch", BatchAsync)
            .WithName("checkAccessBatch")
            .WithSummary($"Checks up to {CheckAccessBatchHandler.MaxBatch} permissions for one user at once; one answer per check, in order.")
            .WithDescription($"1 to {CheckAccessBatchHandler.MaxBatch} questions about one user, answered from memory in order; the first unknown permission "
                + "is refused as 400 unknown_permission on 'checks[i].permission'. A caller without 'members.view' on the whole organization needs it at every scope asked about. " + WhoMayAsk);

        group.MapPost("/explain", ExplainAsync)
            .WithName("explainAccess")
            .WithSummary("Why a check is allowed (which grants) or denied (what is missing where).")
            .WithDescription("The check's answer with a stable reason (full_access, owner, granted, view_own, not_a_member, member_deactivated, account_locked, "
                + "unknown_scope, missing_permission), a sentence, the grants that allowed it, or the permission missing and the scopes searched. " + WhoMayAsk);

        api.MapGet("/organizations/{organizationId:guid}/members/{memberId:guid}/effective-permissions", EffectivePermissionsAsync)
            .WithTags("Members")
            .WithName("getEffectivePermissions")
            .WithSummary("The member's effective permission codenames at a scope (or the organization without scopeId).")
            .WithDescription("Every permission the member holds at the scope (or on the organization), from memory. A member may ask about themself; "
                + "anyone else needs 'members.view' there (403) and must be able to see the member (404 member_not_found otherwise).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CheckAnswer>, ProblemHttpResult>> CheckAsync(Guid organizationId, CheckRequest request, CheckAccessHandler handler, HttpContext context) =>
        Answer(await handler.HandleAsync(context.Actor(),
            new CheckAccessQuery(organizationId, request.UserId, request.Permission, request.ScopeId, request.ResourceOwnerUserId), context.RequestAborted));

    private static async Task<Results<Ok<CheckAnswer>, ProblemHttpResult>> CheckByQueryAsync(Guid organizationId, Guid userId, string permission, Guid? scopeId,
        Guid? resourceOwnerUserId, CheckAccessHandler handler, HttpContext context) =>
        Answer(await handler.HandleAsync(context.Actor(), new CheckAccessQuery(organizationId, userId, permission, scopeId, resourceOwnerUserId), context.RequestAborted));

    private static Results<Ok<CheckAnswer>, ProblemHttpResult> Answer(Gatehouse.Application.Result<CheckAnswer> result) =>
        !result.Succeeded ? result.Failure.ToProblem() : result.Value.Allowed ? AllowedAnswer : DeniedAnswer;

    private static async Task<Results<Ok<BatchCheckAnswer>, ProblemHttpResult>> BatchAsync(Guid organizationId, BatchCheckRequest request,
        CheckAccessBatchHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new CheckAccessBatchQuery(organizationId, request.UserId, request.Checks), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<ExplanationDto>, ProblemHttpResult>> ExplainAsync(Guid organizationId, CheckRequest request,
        ExplainAccessHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(),
            new ExplainAccessQuery(organizationId, request.UserId, request.Permission, request.ScopeId, request.ResourceOwnerUserId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<EffectivePermissionsDto>, ProblemHttpResult>> EffectivePermissionsAsync(Guid organizationId, Guid memberId, Guid? scopeId,
        GetEffectivePermissionsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new GetEffectivePermissionsQuery(organizationId, memberId, scopeId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
