using Gatehouse.Server.Api;
using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Application.Access;
using Gatehouse.Application.Work;
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

/// <summary>
/// Opens an organization for a read: the caller must be an active member of it (or a platform operator).
/// A deactivated member is told so (403 actor_deactivated); anyone else gets the same 404 as for an unknown id.
/// One instance per request: <see cref="Refusal"/> answers for the last <see cref="OpenAsync"/>.
/// </summary>
public sealed class ReadAccess(OrganizationReads reads)
{
    private IResult? _refusal;

    /// <summary>The opened organization, or null when the caller may not see it (then answer with <see cref="Refusal"/>).</summary>
    public async ValueTask<OpenedOrganization?> OpenAsync(HttpContext context, Guid organizationId)
    {
        var caller = context.Caller();
        var opened = await reads.OpenAsync(caller.ToActor(), organizationId, context.RequestAborted);
        _refusal = opened.Succeeded ? null : opened.Failure.ToProblem();
        return opened.Succeeded ? new OpenedOrganization(opened.Value.Organization, opened.Value.Policy, caller) : null;
    }

    /// <summary>Why the last <see cref="OpenAsync"/> gave nothing.</summary>
    public IResult Refusal(Guid organizationId) => _refusal ?? OrganizationWork.OrganizationNotFound(organizationId);

    /// <summary>
    /// Null when the actor may read the organization: an active member or a platform operator. A deactivated
    /// member has no access there (DESIGN.md) and is told so; a non-member gets the 404 of an unknown id.
    /// </summary>
    public static IResult? RefusalFor(CompiledOrganization organization, Actor actor, Guid organizationId) =>
        OrganizationReads.RefusalFor(organization, actor, organizationId)?.ToProblem();
}
