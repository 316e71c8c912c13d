using Gatehouse.Application.Access;
using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Work;

/// <summary>An organization opened for reading by an actor.</summary>
/// <param name="Organization">Its compiled access data.</param>
/// <param name="Actor">Who reads.</param>
/// <param name="Policy">Who reads, as the management policy sees them.</param>
public sealed record OpenedOrganization(CompiledOrganization Organization, Actor Actor, PolicyActor Policy)
{
    /// <summary>The policy's answer for one permission at one target.</summary>
    public Decision Require(string permission, Guid? target = null) => RequirePermission.Evaluate(Organization, Policy, permission, target);
}

/// <summary>
/// Opens an organization for a read, from the access cache: the actor must be an active member of it (or a platform
/// operator). A deactivated member is told so (actor_deactivated); anyone else gets the same not-found as for an unknown id.
/// </summary>
public sealed class OrganizationReads(AccessCache cache)
{
    /// <summary>The opened organization, or why the actor may not read it.</summary>
    public async ValueTask<Result<OpenedOrganization>> OpenAsync(Actor actor, Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (actor.PolicyIn(organizationId) is not { } policy
            || await cache.GetAsync(organizationId, cancellationToken) is not { } organization)
        {
            return OrganizationWork.OrganizationNotFound(organizationId);
        }
        return RefusalFor(organization, policy, organizationId) is { } refusal ? refusal : new OpenedOrganization(organization, actor, policy);
    }

    /// <summary>
    /// Null when the actor may read the organization: an active member or a platform operator. A deactivated
    /// member has no access there (DESIGN.md) and is told so; a non-member gets the failure of an unknown id.
    /// </summary>
    public static Failure? RefusalFor(CompiledOrganization organization, PolicyActor actor, Guid organizationId) =>
        RequirePermission.IsActiveMemberOrOperator(organization, actor) ? null
        : organization.FindMemberByUser(actor.UserId) is not null ? Failure.From(RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, null))
        : OrganizationWork.OrganizationNotFound(organizationId);
}
