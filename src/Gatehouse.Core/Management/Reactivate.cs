using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>A deactivated member whose access should return.</summary>
/// <param name="MemberId">The member.</param>
public sealed record ReactivateRequest(Guid MemberId);

/// <summary>May the actor reactivate a member? The free seat it needs is checked by <see cref="Seats.SeatUsage"/>.</summary>
public static class Reactivate
{
    /// <summary>
    /// Reactivation gives back access everywhere the membership reaches, so like deactivation it needs
    /// <c>members.deactivate</c> and the member's access within the actor's own at each of those places.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, ReactivateRequest request) =>
        MemberRules.OnMember(organization, actor, request.MemberId, (acting, member) =>
            MemberRules.RequirePermissionEverywhere(acting, member, ManagementPermissions.Deactivate)
            .Then(() => member.IsActive ? Refusals.MemberAlreadyActive(member) : Decision.Allowed)
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireWithinOwnEverywhere(acting, member))
            .Then(() => MemberRules.RequireNotProtected(acting, member)));
}
