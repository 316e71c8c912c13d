using Gatehouse.Application.Lookups;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Lookups;

/// <summary>
/// Lookups over REST (the use cases are in Gatehouse.Application.Lookups): the places where a person may do something,
/// and the people who may do something at a place, in pages of ids from the in-memory engine.
/// </summary>
public static class LookupEndpoints
{
    private const string Paging = "In pages ordered by id: 'limit' is 1 to 200 (default 50); pass the answer's nextCursor as 'cursor' for the next page "
        + "(null on the last page; a cursor this server did not make is 400 invalid_cursor). An unknown permission codename is 400 unknown_permission on 'permission'.";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/lookups").WithTags("Lookups")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/places", PlacesAsync)
            .WithName("lookUpPlaces")
            .WithSummary("The places where the user may do this (\"which workshops may Ada see\"), and whether on the organization itself.")
            .WithDescription("Every scope where the access rule allows the user the permission (a grant there or on a scope above it), with its name and parent; "
                + "organizationWide is true when the user may do it on the organization itself (full access, owner, or a grant on the organization), and the items are then every scope. "
                + "A user who is not an active member may do it nowhere. Answered from memory, without a database query. Asked by the user about themself, a service account of the organization, "
                + "a platform operator, or a member who may see the user in the member list (about anyone else: 404 member_not_found, as for no such member). " + Paging);

        group.MapGet("/people", PeopleAsync)
            .WithName("lookUpPeople")
            .WithSummary("The people who may do this at a scope, or on the organization without scopeId (\"who may approve in Aarhus\").")
            .WithDescription("Active members the access rule allows there: full access, owners, a grant on the organization, on the scope or on a scope above it; "
                + "deactivated and locked members are not listed, nor service accounts. The caller sees only the people the member list shows them "
                + "(everyone with 'members.view' on the organization; otherwise themself and the people with access at the scopes where they hold it); without "
                + "'members.view' anywhere the answer is 403, as for the member list. An unknown scope has no one (as a check there answers allowed=false). " + Paging);
    }

    private static async Task<Results<Ok<PlacesPageDto>, ProblemHttpResult>> PlacesAsync(Guid organizationId, Guid userId, string permission, string? cursor, int? limit,
        LookUpPlacesHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new LookUpPlacesQuery(organizationId, userId, permission, cursor, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<PeoplePageDto>, ProblemHttpResult>> PeopleAsync(Guid organizationId, string permission, Guid? scopeId, string? cursor, int? limit,
        LookUpPeopleHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new LookUpPeopleQuery(organizationId, permission, scopeId, cursor, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
