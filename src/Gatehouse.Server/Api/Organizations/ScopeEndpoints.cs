using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Api;

/// <summary>Scopes (workshops, projects, facilities…): places inside an organization where access is granted; they nest.</summary>
public static class ScopeEndpoints
{
    /// <summary>Creating a scope under the organization or under another scope.</summary>
    public sealed record CreateScopeRequest(string Name, Guid? ParentId);

    /// <summary>Renaming and/or moving a scope; <c>moveToRoot</c> moves it to the top level.</summary>
    public sealed record UpdateScopeRequest(string? Name, Guid? ParentId, bool? MoveToRoot);

    /// <summary>A scope.</summary>
    public sealed record ScopeDto(Guid Id, Guid? ParentId, string Name);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}/scopes").WithTags("Scopes")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAsync).WithSummary("Lists every scope of the organization, parents before children.").Produces<List<ScopeDto>>();

        group.MapPost("/", CreateAsync)
            .WithSummary("Creates a scope (needs 'organization.manage' at the parent).")
            .Produces<ScopeDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPatch("/{scopeId:guid}", UpdateAsync)
            .WithSummary("Renames a scope, or moves it under another scope or to the top level; a move that would change someone's access in a way the caller could not directly, or widen the caller's own, is refused (403 scope_move_changes_access).")
            .Produces<ScopeDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{scopeId:guid}", DeleteAsync)
            .WithSummary("Deletes an empty scope; grants there are removed, accounts are kept. Each grant removed must be one the caller could remove directly (403 scope_delete_changes_access).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static Task<IResult> CreateAsync(Guid organizationId, CreateScopeRequest request, OrganizationWork work) =>
        work.RunAsync(organizationId, write =>
        {
            if (Validation.Name(request.Name, "name") is { } invalid)
            {
                return Task.FromResult(invalid);
            }
            var decision = RequirePermission(write, request.ParentId);
            if (!decision.IsAllowed)
            {
                return Task.FromResult(Problems.From(decision));
            }
            var scope = new Scope(Guid.CreateVersion7(write.Now), write.Organization.Id, request.ParentId, request.Name.Trim());
            write.Db.Scopes.Add(scope);
            write.MarkAccessChanged();
            write.Audit(AuditActions.ScopeCreated, "scope", scope.Id, null, ToDto(scope));
            return Task.FromResult<IResult>(TypedResults.Created($"/api/v1/organizations/{organizationId}/scopes/{scope.Id}", ToDto(scope)));
        });

    internal static Task<IResult> UpdateAsync(Guid organizationId, Guid scopeId, UpdateScopeRequest request, OrganizationWork work) =>
        work.RunAsync(organizationId, async write =>
        {
            var scope = await write.Db.Scopes.SingleOrDefaultAsync(s => s.OrganizationId == organizationId && s.Id == scopeId);
            if (scope is null)
            {
                return ScopeNotFound(scopeId);
            }
            var decision = RequirePermission(write, scope.Id);
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            var before = ToDto(scope);
            if (request.Name is not null)
            {
                if (Validation.Name(request.Name, "name") is { } invalid)
                {
                    return invalid;
                }
                scope.Rename(request.Name.Trim());
                write.Audit(AuditActions.ScopeRenamed, "scope", scope.Id, before, ToDto(scope));
            }
            if (request.ParentId is not null || request.MoveToRoot == true)
            {
                var parent = request.MoveToRoot == true ? null : request.ParentId;
                // A move changes what pending offers give as much as what members hold, so the policy sees both.
                var pending = await write.Db.Invitations.Where(i => i.OrganizationId == organizationId && i.Status == InvitationStatus.Pending).ToListAsync();
                var moveDecision = MoveScope.Evaluate(write.Compiled, write.Actor, new MoveScopeRequest(scope.Id, parent, pending));
                if (!moveDecision.IsAllowed)
                {
                    return Problems.From(moveDecision);
                }
                var moveBefore = ToDto(scope);
                scope.MoveTo(parent);
                write.Audit(AuditActions.ScopeMoved, "scope", scope.Id, moveBefore, ToDto(scope));
            }
            write.MarkAccessChanged();
            return TypedResults.Ok(ToDto(scope));
        });

    internal static Task<IResult> DeleteAsync(Guid organizationId, Guid scopeId, OrganizationWork work) =>
        work.RunAsync(organizationId, async write =>
        {
            var scope = await write.Db.Scopes.SingleOrDefaultAsync(s => s.OrganizationId == organizationId && s.Id == scopeId);
            if (scope is null)
            {
                return ScopeNotFound(scopeId);
            }
            var decision = DeleteScope.Evaluate(write.Compiled, write.Actor, new DeleteScopeRequest(scope.Id));
            if (!decision.IsAllowed)
            {
                return Problems.From(decision);
            }
            if (await write.Db.Scopes.AnyAsync(s => s.OrganizationId == organizationId && s.ParentId == scopeId))
            {
                return Problems.Conflict("scope_has_children", $"'{scope.Name}' still holds other scopes. Move or delete them first.");
            }
            var pending = await write.Db.Invitations.Where(i => i.OrganizationId == organizationId && i.Status == InvitationStatus.Pending && i.ExpiresAt > write.Now).ToListAsync();
            if (pending.Any(i => i.Grants.Any(g => g.ScopeId == scopeId)))
            {
                return Problems.Conflict("scope_has_pending_invitations", $"Pending invitations offer access to '{scope.Name}'. Revoke them first.");
            }
            var grants = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.ScopeId == scopeId).ToListAsync();
            write.Db.Grants.RemoveRange(grants);
            // An inline role lives only as long as a grant names it.
            var removedKeys = grants.Select(g => g.RoleKey).Distinct().ToList();
            var keptKeys = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.ScopeId != scopeId && removedKeys.Contains(g.RoleKey))
                .Select(g => g.RoleKey).Distinct().ToListAsync();
            write.Db.Roles.RemoveRange(await write.Db.Roles
                .Where(r => r.OrganizationId == organizationId && r.Kind == RoleKind.Inline && removedKeys.Contains(r.Key) && !keptKeys.Contains(r.Key))
                .ToListAsync());
            write.Db.Scopes.Remove(scope);
            write.MarkAccessChanged();
            write.Audit(AuditActions.ScopeDeleted, "scope", scope.Id, new { scope = ToDto(scope), removedGrants = grants.Count }, null);
            return TypedResults.NoContent();
        });

    internal static async Task<IResult> ListAsync(Guid organizationId, HttpContext context, ReadAccess read)
    {
        if (await read.OpenAsync(context, organizationId) is not { } opened)
        {
            return read.Refusal(organizationId);
        }
        var scopes = opened.Organization.Scopes;
        var ordered = new List<ScopeDto>(scopes.Count);
        var children = scopes.ToLookup(s => s.ParentId);
        void Walk(Guid? parent)
        {
            foreach (var scope in children[parent].OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
            {
                ordered.Add(new ScopeDto(scope.Id, scope.ParentId, scope.Name));
                Walk(scope.Id);
            }
        }
        Walk(null);
        return TypedResults.Ok(ordered);
    }

    private static Decision RequirePermission(WriteContext write, Guid? target) =>
        Core.Management.RequirePermission.Evaluate(write.Compiled, write.Actor, ManagementPermissions.ManageOrganization, target);

    /// <summary>The answer for an unknown scope.</summary>
    public static IResult ScopeNotFound(Guid scopeId) =>
        Problems.NotFound(ProblemCodes.ScopeNotFound, $"There is no scope {scopeId} in this organization. List the scopes to find its id.");

    private static ScopeDto ToDto(Scope scope) => new(scope.Id, scope.ParentId, scope.Name);
}
