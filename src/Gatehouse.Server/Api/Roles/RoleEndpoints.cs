using Gatehouse.Application.Roles;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Roles;

/// <summary>The permission catalog, and an organization's roles over REST (the use cases are in Gatehouse.Application.Roles).</summary>
public static class RoleEndpoints
{
    /// <summary>Creating a custom role.</summary>
    public sealed record CreateRoleBody(string Name, IReadOnlyList<string> Permissions);

    /// <summary>Changing a custom role; <c>version</c>, when sent, must be the role's current version.</summary>
    public sealed record UpdateRoleBody(string? Name, IReadOnlyList<string>? Permissions, int? Version);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/permissions", (ReadPermissionCatalogHandler handler) => TypedResults.Ok(handler.Handle())).WithTags("Roles").WithName("listPermissions")
            .WithSummary("List the permission catalog")
            .WithDescription("The permission catalog: categories in order, each with its permissions' codes and labels.");

        var group = api.MapGroup("/organizations/{organizationId:guid}/roles").WithTags("Roles")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync).WithName("listRoles")
            .WithSummary("List roles")
            .WithDescription("The roles usable in the organization: system roles from the access model, then its custom roles by name, each with what the caller may do with it.")
            .Produces<List<RoleDto>>();

        group.MapPost("/", CreateAsync).WithName("createRole")
            .WithSummary("Create a custom role")
            .WithDescription("Creates a custom role (where the access model allows them; needs 'roles.manage' on the organization and every permission of the role).")
            .Produces<RoleDto>(StatusCodes.Status201Created)
            .ProducesManagementRefusals();

        group.MapPatch("/{role}", UpdateAsync).WithName("updateRole")
            .WithSummary("Change a custom role")
            .WithDescription("Renames a custom role and/or replaces its permissions (by id or key); everyone holding it is affected at once. System roles cannot be changed.")
            .Produces<RoleDto>()
            .ProducesManagementRefusals();

        group.MapDelete("/{role}", DeleteAsync).WithName("deleteRole")
            .WithSummary("Delete a custom role")
            .WithDescription("Deletes a custom role that no member and no pending invitation holds (by id or key).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesManagementRefusals();
    }

    private static async Task<Results<Ok<List<RoleDto>>, ProblemHttpResult>> ListAsync(Guid organizationId, ListRolesHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), new ListRolesQuery(organizationId), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Created<RoleDto>, ProblemHttpResult>> CreateAsync(Guid organizationId, CreateRoleBody request,
        CreateRoleHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new CreateRoleCommand(organizationId, request.Name, request.Permissions), CancellationToken.None);
        return result.Succeeded ? TypedResults.Created($"/api/v1/organizations/{organizationId}/roles/{result.Value.Id}", result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<RoleDto>, ProblemHttpResult>> UpdateAsync(Guid organizationId, string role, UpdateRoleBody request,
        UpdateRoleHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(),
            new UpdateRoleCommand(organizationId, role, request.Name, request.Permissions, request.Version), CancellationToken.None);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid organizationId, string role, DeleteRoleHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new DeleteRoleCommand(organizationId, role), CancellationToken.None);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }
}
