using Gatehouse.Application.Access;

namespace Gatehouse.Application.Checks;

/// <summary>Why a check is allowed or denied.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">Whose access is explained.</param>
/// <param name="Permission">A permission codename of the catalog.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
/// <param name="ResourceOwnerUserId">The owner of the resource, for <c>view_own</c> permissions.</param>
public sealed record ExplainAccessQuery(Guid OrganizationId, Guid UserId, string? Permission, Guid? ScopeId = null, Guid? ResourceOwnerUserId = null);

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

/// <summary>Why a check is allowed (which grants) or denied (what is missing where); asked by whoever may ask the check itself.</summary>
public sealed class ExplainAccessHandler(AccessCache cache, TimeProvider time)
{
    /// <summary>The explanation, or why the question may not be asked.</summary>
    public async ValueTask<Result<ExplanationDto>> HandleAsync(Actor actor, ExplainAccessQuery query, CancellationToken cancellationToken = default)
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
        var explanation = organization.Explain(query.UserId, query.Permission!, query.ScopeId, query.ResourceOwnerUserId, time);
        var permission = organization.Model.Catalog[bit];
        return new ExplanationDto(
            explanation.Allowed,
            explanation.Reason,
            explanation.Message,
            permission.Code,
            permission.Category,
            permission.Label,
            [.. explanation.AllowingGrants.Select(g => new AllowingGrantDto(g.RoleKey, organization.FindRole(g.RoleKey)?.Name ?? g.RoleKey, g.ScopeId))],
            explanation.Reason == "missing_permission" ? permission.Code : null,
            explanation.MissingAt);
    }
}
