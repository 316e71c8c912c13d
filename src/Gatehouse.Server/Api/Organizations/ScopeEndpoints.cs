using Gatehouse.Application.Scopes;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Organizations;

/// <summary>
/// Scopes (workshops, projects, facilities…) over REST: places inside an organization where access is granted; they nest.
/// The use cases are in Gatehouse.Application.Scopes.
/// </summary>
public static class ScopeEndpoints
{
    /// <summary>Creating a scope under the organization or under another scope.</summary>
    public sealed record CreateScopeRequest(string Name, Guid? ParentId);

    /// <summary>Renaming and/or moving a scope; <c>moveToRoot</c> moves it to the top level.</summary>
    public sealed record UpdateScopeRequest(string? Name, Guid? ParentId, bool? MoveToRoot);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/scopes").WithTags("Scopes")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync).WithName("listScopes")
            .WithSummary("List scopes")
            .WithDescription("Lists every scope of the organization, parents before children.");

        group.MapPost("/", CreateAsync).WithName("createScope")
            .WithSummary("Create a scope")
            .WithDescription("Creates a scope (needs 'organization.manage' at the parent).")
            .ProducesManagementRefusals();

        group.MapPatch("/{scopeId:guid}", UpdateAsync).WithName("updateScope")
            .WithSummary("Rename or move a scope")
            .WithDescription("Renames a scope, or moves it under another scope or to the top level; a move that would change someone's access in a way the caller could not directly, or widen the caller's own, is refused (403 scope_move_changes_access).")
            .ProducesManagementRefusals();

        group.MapDelete("/{scopeId:guid}", DeleteAsync).WithName("deleteScope")
            .WithSummary("Delete a scope")
            .WithDescription("Deletes an empty scope; grants there are removed, accounts are kept. Each grant removed must be one the caller could remove directly (403 scope_delete_changes_access).")
            .ProducesManagementRefusals();
    }

    private static async Task<Results<Ok<List<ScopeDto>>, ProblemHttpResult>> ListAsync(Guid organizationId, ListScopesHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListScopesQuery(organizationId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Created<ScopeDto>, ProblemHttpResult>> CreateAsync(Guid organizationId, CreateScopeRequest request,
        CreateScopeHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new CreateScopeCommand(organizationId, request.Name, request.ParentId), CancellationToken.None);
        return result.Succeeded ? TypedResults.Created($"/api/v1/organizations/{organizationId}/scopes/{result.Value.Id}", result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<ScopeDto>, ProblemHttpResult>> UpdateAsync(Guid organizationId, Guid scopeId, UpdateScopeRequest request,
        UpdateScopeHandler handler, HttpContext context)
    {
        var command = new UpdateScopeCommand(organizationId, scopeId, request.Name, request.ParentId, request.MoveToRoot == true);
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), command, CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid organizationId, Guid scopeId, DeleteScopeHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new DeleteScopeCommand(organizationId, scopeId), CancellationToken.None);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }

    /// <summary>The answer for an unknown scope (the member endpoints' scope filters answer it too).</summary>
    public static IResult ScopeNotFound(Guid scopeId) => ScopeLookup.NotFound(scopeId).ToProblem();
}
