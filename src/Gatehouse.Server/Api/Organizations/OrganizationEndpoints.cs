using Gatehouse.Application.Organizations;
using Gatehouse.Application.Paging;
using Gatehouse.Application.Seats;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Organizations;

/// <summary>
/// Organizations (tenants) and their seats over REST; the use cases are in Gatehouse.Application.Organizations and
/// Gatehouse.Application.Seats.
/// </summary>
public static class OrganizationEndpoints
{
    /// <summary>Creating an organization (platform operators).</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="Plan">Service plan name.</param>
    /// <param name="SeatLimit">Licensed seats, or null for no limit.</param>
    public sealed record CreateOrganizationRequest(string Name, string? Plan, int? SeatLimit);

    /// <summary>Changing an organization: a member with <c>organization.manage</c> renames; only platform operators change plan and seats.</summary>
    public sealed record UpdateOrganizationRequest(string? Name, string? Plan, int? SeatLimit, bool? RemoveSeatLimit);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");

        group.MapPost("/", CreateAsync).WithName("createOrganization")
            .WithSummary("Create an organization")
            .WithDescription("Creates an organization with a name, a plan and an optional seat limit (platform operators).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", ListAsync).WithName("listOrganizations")
            .WithSummary("List organizations")
            .WithDescription("Lists the organizations the caller belongs to (platform operators: all), by name, in cursor pages.");

        group.MapGet("/{organizationId:guid}", GetAsync).WithName("getOrganization")
            .WithSummary("Read an organization")
            .WithDescription("One organization the caller belongs to (platform operators: any): its name, plan and seat limit.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{organizationId:guid}", UpdateAsync).WithName("updateOrganization")
            .WithSummary("Change an organization")
            .WithDescription("Renames an organization, or (platform operators) changes its plan and seat limit.")
            .ProducesManagementRefusals();

        group.MapGet("/{organizationId:guid}/seats", SeatsAsync).WithName("getSeats")
            .WithSummary("Read seat usage")
            .WithDescription("Seats used, the limit and how they are counted.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<OrganizationDto>, ProblemHttpResult>> CreateAsync(CreateOrganizationRequest request,
        CreateOrganizationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new CreateOrganizationCommand(request.Name, request.Plan, request.SeatLimit), CancellationToken.None);
        return result.Succeeded ? TypedResults.Created($"/api/v1/organizations/{result.Value.Id}", result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<Page<OrganizationDto>>, ProblemHttpResult>> ListAsync(string? cursor, int? limit,
        ListOrganizationsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListOrganizationsQuery(cursor, limit), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<OrganizationDto>, ProblemHttpResult>> GetAsync(Guid organizationId, GetOrganizationHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new GetOrganizationQuery(organizationId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<OrganizationDto>, ProblemHttpResult>> UpdateAsync(Guid organizationId, UpdateOrganizationRequest request,
        UpdateOrganizationHandler handler, HttpContext context)
    {
        var command = new UpdateOrganizationCommand(organizationId, request.Name, request.Plan, request.SeatLimit, request.RemoveSeatLimit == true);
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), command, CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<SeatsDto>, ProblemHttpResult>> SeatsAsync(Guid organizationId, GetSeatsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new GetSeatsQuery(organizationId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
