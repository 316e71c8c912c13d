using Gatehouse.Core.Model;
using Gatehouse.Application.Access;
using Gatehouse.Core.Access;

namespace Gatehouse.Application.Checks;

/// <summary>
/// One check: may the user do this here? A struct, so that asking it allocates nothing (the check is the product's
/// hot path).
/// </summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">Whose access is checked.</param>
/// <param name="Permission">A permission codename of the catalog, e.g. <c>repairs.view</c>.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
/// <param name="ResourceOwnerUserId">The owner of the resource, for <c>view_own</c> permissions.</param>
public readonly record struct CheckAccessQuery(Guid OrganizationId, Guid UserId, string? Permission, Guid? ScopeId = null, Guid? ResourceOwnerUserId = null);

/// <summary>The answer of a check.</summary>
public sealed record CheckAnswer(bool Allowed);

/// <summary>
/// May the user do this, at this scope (or the organization)? Answered from the in-memory engine: no database query
/// and, on success, no allocation (both answers are made once). A user who is not a member is simply not allowed.
/// Asked by the user about themself, a service account of the organization, a platform operator, or a member who may
/// see the user and holds 'members.view' at the organization or the scope (about anyone else: member_not_found).
/// </summary>
public sealed class CheckAccessHandler(AccessCache cache, TimeProvider time)
{
    /// <summary>The answer "allowed", made once.</summary>
    public static Result<CheckAnswer> Allowed { get; } = new CheckAnswer(true);

    /// <summary>The answer "not allowed", made once.</summary>
    public static Result<CheckAnswer> Denied { get; } = new CheckAnswer(false);

    /// <summary>The answer, or why the question may not be asked.</summary>
    public async ValueTask<Result<CheckAnswer>> HandleAsync(Actor actor, CheckAccessQuery query, CancellationToken cancellationToken = default)
    {
        var (organization, bit, refused) = await CheckRules.OpenQuestionAsync(cache, actor, query.OrganizationId, query.UserId, query.Permission, cancellationToken);
        if (organization is null)
        {
            return refused!;
        }
        if (CheckRules.MayAsk(organization, actor, query.UserId, query.ScopeId) is { } cannotAsk)
        {
            return cannotAsk;
        }
        return organization.Check(query.UserId, new PermissionId(bit), query.ScopeId, query.ResourceOwnerUserId, time) ? Allowed : Denied;
    }
}
