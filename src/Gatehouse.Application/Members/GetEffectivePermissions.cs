using Gatehouse.Application.Scopes;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Members;

/// <summary>Whose effective permissions, where.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="MemberId">The member.</param>
/// <param name="ScopeId">The scope, or null for the organization itself.</param>
public sealed record GetEffectivePermissionsQuery(Guid OrganizationId, Guid MemberId, Guid? ScopeId);

/// <summary>The member's effective permissions at a target.</summary>
public sealed record EffectivePermissionsDto(Guid MemberId, Guid? ScopeId, IReadOnlyList<string> Permissions);

/// <summary>
/// A member's effective permission codenames at a scope (or the organization): a member asks about themself anywhere;
/// anyone else needs <c>members.view</c> at the target. Whether the member exists or may be seen is answered first.
/// </summary>
public sealed class GetEffectivePermissionsHandler(OrganizationReads reads, TimeProvider time)
{
    /// <summary>The permissions, or why not.</summary>
    public async Task<Result<EffectivePermissionsDto>> HandleAsync(Actor actor, GetEffectivePermissionsQuery query, CancellationToken cancellationToken = default)
    {
        var (organizationId, memberId, scopeId) = query;
        var open = await reads.OpenAsync(actor, organizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var opened = open.Value;
        var organization = opened.Organization;
        if (VisibleMember.Refusal(organization, opened.Policy, memberId) is { } unseen)
        {
            return unseen;
        }
        var self = opened.Policy.Kind == ActorKind.Member && organization.FindMemberByUser(opened.Policy.UserId)?.Entry.MemberId == memberId;
        if (!self)
        {
            var decision = opened.Require(ManagementPermissions.View, scopeId);
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
