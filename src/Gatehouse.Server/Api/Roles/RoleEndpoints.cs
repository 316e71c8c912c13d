using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>The permission catalog, and an organization's roles: the model's system roles and its own custom roles.</summary>
public static class RoleEndpoints
{
    /// <summary>Most permissions one role may list.</summary>
    public const int MaxPermissions = 500;

    /// <summary>Creating a custom role.</summary>
    public sealed record CreateRoleBody(string Name, IReadOnlyList<string> Permissions);

    /// <summary>Changing a custom role; <c>version</c>, when sent, must be the role's current version.</summary>
    public sealed record UpdateRoleBody(string? Name, IReadOnlyList<string>? Permissions, int? Version);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/permissions", (AccessModel model) => TypedResults.Ok(RoleViews.Catalog(model))).WithTags("Roles")
            .WithSummary("The permission catalog: categories in order, each with its permissions' codes and labels.");

        var group = api.MapGroup("/organizations/{organizationId:guid}/roles").WithTags("Roles")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync)
            .WithSummary("The roles usable in the organization: system roles from the access model, then its custom roles by name, each with what the caller may do with it.")
            .Produces<List<RoleDto>>();

        group.MapPost("/", CreateAsync)
            .WithSummary("Creates a custom role (where the access model allows them; needs 'roles.manage' on the organization and every permission of the role).")
            .Produces<RoleDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPatch("/{role}", UpdateAsync)
            .WithSummary("Renames a custom role and/or replaces its permissions (by id or key); everyone holding it is affected at once. System roles cannot be changed.")
            .Produces<RoleDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{role}", DeleteAsync)
            .WithSummary("Deletes a custom role that no member and no pending invitation holds (by id or key).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<IResult> ListAsync(Guid organizationId, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        var organization = opened.Organization;
        var custom = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.Kind == RoleKind.Custom).ToListAsync(context.RequestAborted);
        var holders = RoleViews.HoldersByRole(organization);
        return TypedResults.Ok(organization.Model.Roles.Select(r => RoleViews.System(r, organization, holders))
            .Concat(custom.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => RoleViews.Custom(r, organization, opened.Actor, holders)))
            .ToList());
    }

    /// <summary>The role as the caller sees it after a change has committed (its capabilities and holders as they are now).</summary>
    internal static async Task<IResult> AnswerAsync(IResult committed, Guid organizationId, Guid roleId, HttpContext context, ReadAccess read, GatehouseDb db, bool created)
    {
        if (committed is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            return committed;
        }
        var role = await db.Roles.AsNoTracking().SingleAsync(r => r.OrganizationId == organizationId && r.Id == roleId, context.RequestAborted);
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        var view = RoleViews.Custom(role, opened.Organization, opened.Actor, RoleViews.HoldersByRole(opened.Organization));
        return created ? TypedResults.Created($"/api/v1/organizations/{organizationId}/roles/{role.Id}", view) : TypedResults.Ok(view);
    }

    internal static async Task<IResult> CreateAsync(Guid organizationId, CreateRoleBody request, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if ((Validation.Name(request.Name, "name") ?? ValidatePermissions(request.Permissions)) is { } invalid)
        {
            return invalid;
        }
        var roleId = Guid.Empty;
        var committed = await work.RunAsync(organizationId, write =>
        {
            var decision = CreateRole.Evaluate(write.Compiled, write.Actor, new CreateRoleRequest(request.Name.Trim(), request.Permissions));
            if (!decision.IsAllowed)
            {
                return Task.FromResult(Problems.From(decision));
            }
            var role = new Role(Guid.CreateVersion7(write.Now), organizationId, RoleKind.Custom, request.Name.Trim(), request.Permissions);
            write.Db.Roles.Add(role);
            write.MarkAccessChanged();
            write.Audit(AuditActions.RoleCreated, "role", role.Id, null, RoleViews.AuditView(role));
            roleId = role.Id;
            return Task.FromResult<IResult>(TypedResults.NoContent());
        }, CancellationToken.None);
        return await AnswerAsync(committed, organizationId, roleId, context, read, db, created: true);
    }

    internal static async Task<IResult> UpdateAsync(Guid organizationId, string role, UpdateRoleBody request, OrganizationWork work, HttpContext context, ReadAccess read, GatehouseDb db)
    {
        if (((request.Name is null ? null : Validation.Name(request.Name, "name")) ?? (request.Permissions is null ? null : ValidatePermissions(request.Permissions))) is { } invalid)
        {
            return invalid;
        }
        var roleId = Guid.Empty;
        var committed = await work.RunAsync(organizationId, async write =>
        {
            var (entity, key) = await ResolveAsync(write, role);
            if (key is null)
            {
                return RoleNotFound(role);
            }
            // A stale version first, as for a member's access: the change was made on an old reading, whatever the policy says of it now.
            if (entity is not null && request.Version is { } version && version != entity.Version)
            {
                return Problems.Conflict(ProblemCodes.VersionConflict, $"'{entity.Name}' was changed by someone else since you read it (version {entity.Version}, you sent {version}). Reload it and apply your change again.");
            }
            var current = write.Compiled.FindRole(key);
            var name = request.Name?.Trim() ?? entity?.Name ?? current?.Name ?? key;
            var permissions = request.Permissions ?? entity?.Permissions ?? (current is null ? [] : [.. write.Compiled.Model.Catalog.CodesOf(current.Permissions)]);
            var decision = EditRole.Evaluate(write.Compiled, write.Actor, new EditRoleRequest(key, name, permissions));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (entity is null)
            {
                return RoleNotFound(role);
            }
            var before = RoleViews.AuditView(entity);
            if (request.Name is not null && name != entity.Name)
            {
                entity.Rename(name);
            }
            if (request.Permissions is not null && !permissions.ToHashSet(StringComparer.Ordinal).SetEquals(entity.Permissions))
            {
                entity.ReplacePermissions(permissions);
            }
            write.MarkAccessChanged();
            write.Audit(AuditActions.RoleUpdated, "role", entity.Id, before, RoleViews.AuditView(entity));
            roleId = entity.Id;
            return TypedResults.NoContent();
        }, CancellationToken.None);
        return await AnswerAsync(committed, organizationId, roleId, context, read, db, created: false);
    }

    internal static Task<IResult> DeleteAsync(Guid organizationId, string role, OrganizationWork work) =>
        work.RunAsync(organizationId, async write =>
        {
            var (entity, key) = await ResolveAsync(write, role);
            if (key is null)
            {
                return RoleNotFound(role);
            }
            var decision = DeleteRole.Evaluate(write.Compiled, write.Actor, new DeleteRoleRequest(key));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (entity is null)
            {
                return RoleNotFound(role);
            }
            // Deleting a held role would silently take its permissions from people; the admin moves them first.
            var holders = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.RoleKey == key).Select(g => g.MemberId).Distinct().CountAsync();
            var pending = (await write.Db.Invitations.Where(i => i.OrganizationId == organizationId && i.Status == InvitationStatus.Pending).ToListAsync())
                .Count(i => i.Grants.Any(g => g.RoleKey == key));
            if (holders > 0 || pending > 0)
            {
                return Problems.Conflict(ProblemCodes.RoleInUse,
                    $"'{entity.Name}' is held by {holders} member{(holders == 1 ? "" : "s")} and offered by {pending} pending invitation{(pending == 1 ? "" : "s")}. Give them another role or revoke those invitations first.");
            }
            write.Db.Roles.Remove(entity);
            write.MarkAccessChanged();
            write.Audit(AuditActions.RoleDeleted, "role", entity.Id, RoleViews.AuditView(entity), null);
            return TypedResults.NoContent();
        }, CancellationToken.None);

    /// <summary>The organization's own role by id or key (tracked), and the key to ask the policy about; a system role has a key but no entity.</summary>
    private static async Task<(Role? Entity, string? Key)> ResolveAsync(WriteContext write, string role)
    {
        var organizationId = write.Organization.Id;
        Role? entity = Guid.TryParse(role, out var id)
            ? await write.Db.Roles.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Id == id)
            : role.Length <= 100 ? await write.Db.Roles.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Key == role) : null;
        if (entity is { Kind: RoleKind.Inline })
        {
            return (null, null);
        }
        if (entity is not null)
        {
            return (entity, entity.Key);
        }
        return write.Compiled.Model.FindRole(role) is not null ? (null, role) : (null, null);
    }

    private static IResult? ValidatePermissions(IReadOnlyList<string>? permissions) =>
        permissions is null || permissions.Count > MaxPermissions || permissions.Any(p => p is null || p.Length > 200)
            ? Problems.Invalid("permissions", ProblemCodes.ValidationFailed, $"'permissions' must list 1 to {MaxPermissions} permission codes; see GET /api/v1/permissions.")
            : null;

    private static IResult RoleNotFound(string role) =>
        Problems.NotFound(ProblemCodes.RoleNotFound, $"There is no role '{role}' of this organization that can be changed. List the roles to find its id.");
}
