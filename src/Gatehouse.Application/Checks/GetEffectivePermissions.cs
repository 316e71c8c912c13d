using Gatehouse.Core.Model;
using Gatehouse.Application.Access;
using Gatehouse.Application.Members;
using Gatehouse.Application.Scopes;
using Gatehouse.Core.Management;

namespace Gatehouse.Application.Checks;

/// <summary>Which member's permissions, where.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
public sealed record GetEffectivePermissionsQuery(Guid OrganizationId, Guid MemberId, Guid? ScopeId = null);

/// <summary>The member's effective permissions at a target.</summary>
public sealed record EffectivePermissionsDto(Guid MemberId, Guid? ScopeId, IReadOnlyList<string> Permissions);

/// <summary>
/// A member's effective permission codenames at a scope (or the organization), from the in-memory engine. A member
/// asks about themself; anyone else needs 'members.view' there and must be able to see the member.
/// </summary>
public sealed class GetEffectivePermissionsHandler(AccessCache cache, TimeProvider time)
{
    /// <summary>The codenames, or why the actor may not ask.</summary>
    public async ValueTask<Result<EffectivePermissionsDto>> HandleAsync(Actor actor, GetEffectivePermissionsQuery query, CancellationToken cancellationToken = default)
    {
        var (organizationId, memberId, scopeId) = query;
        var (organization, refused) = await CheckRules.OpenAsync(cache, actor, organizationId, cancellationToken);
        if (organization is null)
        {
            return refused!;
        }
        var policy = actor.PolicyIn(organizationId)!;
        // Whether the member exists or may be seen is answered first, as the member detail answers it.
        if (VisibleMember.Refusal(organization, policy, memberId) is { } unseen)
        {
            return unseen;
        }
        var self = policy.Kind == ActorKind.Member && organization.FindMemberByUser(policy.UserId)?.Entry.MemberId == memberId;
        if (!self)
        {
            var decision = RequirePermission.Evaluate(organization, policy, ManagementPermissions.View, scopeId);
            if (!decision.IsAllowed)
            {
                return Failure.From(decision);
            }
        }
        else if (scopeId is { } asked && !organization.HasScope(asked))
        {
            return ScopeLookup.NotFound(asked);
        }
        var permissions = organization.Model.Catalog.CodesOf(organization.EffectivePermissions(memberId, scopeId, time)).ToList();
        return new EffectivePermissionsDto(memberId, scopeId, permissions);
    }
}
