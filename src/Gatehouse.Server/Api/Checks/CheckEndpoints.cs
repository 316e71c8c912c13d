using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;
using Gatehouse.Server.Access;
using Gatehouse.Server.Application;
using Gatehouse.Server.Auth;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Api;

/// <summary>
/// Access checks for products: "may this user do X here?", in batches, and why. Answers come from the
/// in-memory engine (no database query per call); a user who is not a member is simply not allowed.
/// </summary>
public static class CheckEndpoints
{
    /// <summary>The most questions one batch may ask.</summary>
    public const int MaxBatch = 1000;

    /// <summary>One check.</summary>
    /// <param name="UserId">Whose access is checked.</param>
    /// <param name="Permission">A permission codename of the catalog, e.g. <c>repairs.view</c>.</param>
    /// <param name="ScopeId">The scope, or null for the organization.</param>
    /// <param name="ResourceOwnerUserId">The owner of the resource, for <c>view_own</c> permissions.</param>
    public sealed record CheckRequest(Guid UserId, string Permission, Guid? ScopeId, Guid? ResourceOwnerUserId);

    /// <summary>The answer of a check.</summary>
    public sealed record CheckAnswer(bool Allowed);

    /// <summary>One question of a batch.</summary>
    public sealed record BatchItem(string Permission, Guid? ScopeId, Guid? ResourceOwnerUserId);

    /// <summary>Many checks for one user.</summary>
    public sealed record BatchCheckRequest(Guid UserId, IReadOnlyList<BatchItem>? Checks);

    /// <summary>One answer per question, in order.</summary>
    public sealed record BatchCheckAnswer(bool[] Results);

    /// <summary>A grant that allowed a check.</summary>
    public sealed record AllowingGrantDto(string RoleKey, string RoleName, Guid? ScopeId);

    /// <summary>Why a check is allowed or denied.</summary>
    /// <param name="Allowed">The answer.</param>
    /// <param name="Reason">Stable reason code: full_access, owner, granted, view_own, not_a_member, member_deactivated, account_locked, unknown_scope, missing_permission.</param>
    /// <param name="Message">A sentence a person can read.</param>
    /// <param name="Permission">The permission asked about.</param>
    /// <param name="Category">Its category in the catalog.</param>
    /// <param name="Label">Its label.</param>
    /// <param name="AllowingGrants">The grants that allowed it.</param>
    /// <param name="MissingPermission">The permission that is missing, when that is why it is denied.</param>
    /// <param name="TargetsSearched">When denied for a missing permission: the scopes searched, nearest first; null stands for the organization.</param>
    public sealed record ExplanationDto(bool Allowed, string Reason, string Message, string Permission, string Category, string Label,
        IReadOnlyList<AllowingGrantDto> AllowingGrants, string? MissingPermission, IReadOnlyList<Guid?> TargetsSearched);

    private static readonly CheckAnswer AllowedAnswer = new(true);
    private static readonly CheckAnswer DeniedAnswer = new(false);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{organizationId:guid}").WithTags("Access checks")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/check", (Guid organizationId, CheckRequest request, HttpContext context, AccessCache cache, TimeProvider time) =>
                CheckAsync(organizationId, request.UserId, request.Permission, request.ScopeId, request.ResourceOwnerUserId, context, cache, time))
            .WithSummary("May the user do this, at this scope (or the organization)? A user who is not a member gets allowed=false. "
                + "Asked by the user about themself, a service account of the organization, a platform operator, or a member who may see the user and holds 'members.view' at the organization or the scope (about anyone else: 404 member_not_found).")
            .Produces<CheckAnswer>();

        group.MapGet("/check", (Guid organizationId, Guid userId, string permission, Guid? scopeId, Guid? resourceOwnerUserId, HttpContext context, AccessCache cache, TimeProvider time) =>
                CheckAsync(organizationId, userId, permission, scopeId, resourceOwnerUserId, context, cache, time))
            .WithSummary("The same check as POST, from the query string.")
            .Produces<CheckAnswer>();

        group.MapPost("/check/batch", BatchAsync)
            .WithSummary($"Checks up to {MaxBatch} permissions for one user at once; one answer per check, in order.")
            .Produces<BatchCheckAnswer>();

        group.MapPost("/explain", ExplainAsync)
            .WithSummary("Why a check is allowed (which grants) or denied (what is missing where).")
            .Produces<ExplanationDto>();
    }

    internal static async Task<IResult> CheckAsync(Guid organizationId, Guid userId, string? permission, Guid? scopeId, Guid? resourceOwnerUserId,
        HttpContext context, AccessCache cache, TimeProvider time)
    {
        var (organization, caller, refused) = await OpenAsync(context, cache, organizationId);
        if (organization is null)
        {
            return refused!;
        }
        if (userId == Guid.Empty)
        {
            return MissingUser();
        }
        if (Resolve(organization.Model, permission) is not { } bit)
        {
            return UnknownPermission(permission, "permission");
        }
        if (MayAsk(organization, caller, userId, scopeId) is { } cannotAsk)
        {
            return cannotAsk;
        }
        return TypedResults.Ok(organization.Check(userId, new PermissionId(bit), scopeId, resourceOwnerUserId, time) ? AllowedAnswer : DeniedAnswer);
    }

    internal static async Task<IResult> BatchAsync(Guid organizationId, BatchCheckRequest request, HttpContext context, AccessCache cache, TimeProvider time)
    {
        var (organization, caller, refused) = await OpenAsync(context, cache, organizationId);
        if (organization is null)
        {
            return refused!;
        }
        if (request.UserId == Guid.Empty)
        {
            return MissingUser();
        }
        if (request.Checks is not { Count: > 0 and <= MaxBatch } checks)
        {
            return Problems.Invalid("checks", ProblemCodes.ValidationFailed, $"Send between 1 and {MaxBatch} checks.");
        }
        var queries = new AccessQuery[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            if (check is null || Resolve(organization.Model, check.Permission) is not { } bit)
            {
                return UnknownPermission(check?.Permission, $"checks[{i}].permission");
            }
            queries[i] = new AccessQuery(new PermissionId(bit), check.ScopeId, check.ResourceOwnerUserId);
        }
        if (MayAsk(organization, caller, request.UserId, null) is { } cannotAsk)
        {
            // Without 'members.view' on the whole organization, it must hold at every scope asked about.
            foreach (var scope in checks.Select(c => c.ScopeId).Distinct())
            {
                if (scope is null || MayAsk(organization, caller, request.UserId, scope) is not null)
                {
                    return cannotAsk;
                }
            }
        }
        var results = new bool[queries.Length];
        organization.CheckMany(request.UserId, queries, results, time);
        return TypedResults.Ok(new BatchCheckAnswer(results));
    }

    internal static async Task<IResult> ExplainAsync(Guid organizationId, CheckRequest request, HttpContext context, AccessCache cache, TimeProvider time)
    {
        var (organization, caller, refused) = await OpenAsync(context, cache, organizationId);
        if (organization is null)
        {
            return refused!;
        }
        if (request.UserId == Guid.Empty)
        {
            return MissingUser();
        }
        if (Resolve(organization.Model, request.Permission) is not { } bit)
        {
            return UnknownPermission(request.Permission, "permission");
        }
        if (MayAsk(organization, caller, request.UserId, request.ScopeId) is { } cannotAsk)
        {
            return cannotAsk;
        }
        var explanation = organization.Explain(request.UserId, request.Permission, request.ScopeId, request.ResourceOwnerUserId, time);
        var permission = organization.Model.Catalog[bit];
        return TypedResults.Ok(new ExplanationDto(
            explanation.Allowed,
            explanation.Reason,
            explanation.Message,
            permission.Code,
            permission.Category,
            permission.Label,
            [.. explanation.AllowingGrants.Select(g => new AllowingGrantDto(g.RoleKey, organization.FindRole(g.RoleKey)?.Name ?? g.RoleKey, g.ScopeId))],
            explanation.Reason == "missing_permission" ? permission.Code : null,
            explanation.MissingAt));
    }

    /// <summary>The organization as the engine holds it; 404 when the caller may not see it (a service account of another organization, an outsider).</summary>
    private static async ValueTask<(CompiledOrganization? Organization, Caller Caller, IResult? Refused)> OpenAsync(HttpContext context, AccessCache cache, Guid organizationId)
    {
        var caller = context.Caller();
        if (caller.ActorIn(organizationId) is not { } actor
            || await cache.GetAsync(organizationId, context.RequestAborted) is not { } organization)
        {
            return (null, caller, OrganizationWork.OrganizationNotFound(organizationId));
        }
        if (ReadAccess.RefusalFor(organization, actor, organizationId) is { } refused)
        {
            return (null, caller, refused);
        }
        return (organization, caller, null);
    }

    /// <summary>
    /// Who may ask about a user: the user themself, a service account of the organization (an active member; a
    /// product's back end checks anyone), a platform operator, or a member who may see that user's membership
    /// (<see cref="VisibleMember"/>: otherwise 404 as for a member that does not exist, so a check reveals no one) and
    /// holds 'members.view' at the organization or at the scope asked about.
    /// </summary>
    private static IResult? MayAsk(CompiledOrganization organization, Caller caller, Guid userId, Guid? scopeId)
    {
        if (caller.IsPlatformOperator || caller.UserId == userId)
        {
            return null;
        }
        var actor = Actor.Member(caller.UserId);
        if (caller.ServiceOrganizationId == organization.OrganizationId && RequirePermission.IsActiveMemberOrOperator(organization, actor))
        {
            return null;
        }
        if (VisibleMember.RefusalForUser(organization, actor, userId) is { } unseen)
        {
            return unseen;
        }
        var decision = RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, null);
        if (decision.IsAllowed)
        {
            return null;
        }
        if (scopeId is { } scope && organization.HasScope(scope)
            && RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, scope).IsAllowed)
        {
            return null;
        }
        return Problems.From(decision);
    }

    private static int? Resolve(AccessModel model, string? permission) =>
        permission is not null && model.Catalog.TryGetIndex(permission, out var bit) ? bit : null;

    private static IResult UnknownPermission(string? permission, string field) =>
        string.IsNullOrEmpty(permission)
            ? Problems.Invalid(field, ProblemCodes.ValidationFailed, "Name the permission to check, e.g. 'members.view'.")
            : Problems.Invalid(field, CheckProblemCodes.UnknownPermission,
                $"'{Truncate(permission)}' is not a permission of this deployment. Use a codename from the permission catalog.");

    private static IResult MissingUser() =>
        Problems.Invalid("userId", ProblemCodes.ValidationFailed, "'userId' is required: the id of the user whose access is checked (not the empty GUID).");

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}

/// <summary>Problem codes of the check endpoints.</summary>
public static class CheckProblemCodes
{
    /// <summary>The permission codename is not in the catalog.</summary>
    public const string UnknownPermission = "unknown_permission";
}
