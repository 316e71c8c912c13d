using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Server.Access;
using Gatehouse.Server.Auth;

namespace Gatehouse.Server.Application;

/// <summary>An organization opened for reading by the caller.</summary>
/// <param name="Organization">Its compiled access data.</param>
/// <param name="Actor">The caller as the policy sees them.</param>
/// <param name="Caller">The caller.</param>
public sealed record OpenedOrganization(CompiledOrganization Organization, Actor Actor, Caller Caller)
{
    /// <summary>The policy's answer for one permission at one target.</summary>
    public Decision Require(string permission, Guid? target = null) => RequirePermission.Evaluate(Organization, Actor, permission, target);
}

/// <summary>Opens an organization for a read: the caller must be a member of it (or a platform operator); others get the same 404 as for an unknown id.</summary>
public sealed class ReadAccess(AccessCache cache)
{
    /// <summary>The opened organization, or null when the caller may not see it.</summary>
    public async Task<OpenedOrganization?> OpenAsync(HttpContext context, Guid organizationId)
    {
        var caller = context.Caller();
        if (caller.ActorIn(organizationId) is not { } actor
            || await cache.GetAsync(organizationId, context.RequestAborted) is not { } organization
            || (actor.Kind == ActorKind.Member && organization.FindMemberByUser(caller.UserId) is null))
        {
            return null;
        }
        return new OpenedOrganization(organization, actor, caller);
    }
}
