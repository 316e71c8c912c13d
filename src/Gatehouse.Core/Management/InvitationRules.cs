using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>Rules shared by resending and revoking an invitation.</summary>
internal static class InvitationRules
{
    /// <summary>
    /// Resending or revoking takes the rights that sending this invitation takes (<see cref="Invite"/>):
    /// <c>members.invite</c> at every target it covers, every permission of each role it offers there, and full
    /// access or ownership when it offers full access. A target whose scope was deleted since falls back to the
    /// organization, the only place left that encloses it; a role deleted since offers nothing, so asks for nothing.
    /// </summary>
    public static Decision RequireRightsToSend(ActingMember acting, Invitation invitation)
    {
        var org = acting.Organization;
        if (invitation.OrganizationId != org.OrganizationId)
        {
            return Refusals.InvitationNotFound(org);
        }
        if (invitation.Status is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return Refusals.InvitationClosed(invitation.Status.ToString().ToLowerInvariant());
        }
        var offered = invitation.Grants.Select(g => (g.RoleKey, Place: PlaceOf(acting, g.ScopeId))).ToList();
        var targets = offered.Select(g => g.Place).ToList();
        if (invitation.FullAccess || targets.Count == 0)
        {
            targets.Add(null);
        }
        return Decision.All(targets.Distinct(), t => TargetRules.RequirePermission(acting, ManagementPermissions.Invite, t))
            .Then(() => invitation.Ownership && !acting.IsOwner ? Refusals.OwnerOnly(org) : Decision.Allowed)
            .Then(() => invitation.FullAccess && !acting.BypassesChecks ? Refusals.FullAccessRequiresFullAccess() : Decision.Allowed)
            .Then(() => Decision.All(offered, g => RequireRoleWithinOwn(acting, g.RoleKey, g.Place)));
    }

    private static Guid? PlaceOf(ActingMember acting, Guid? target) =>
        target is { } id && acting.Organization.HasScope(id) ? target : null;

    /// <summary>"No one grants what they do not hold": an offered role holds nothing the actor lacks where it is offered.</summary>
    private static Decision RequireRoleWithinOwn(ActingMember acting, string roleKey, Guid? place)
    {
        if (acting.Organization.FindRole(roleKey) is not { } role)
        {
            return Decision.Allowed;
        }
        var held = acting.HeldAt(place);
        return role.Permissions.IsSubsetOf(held) ? Decision.Allowed : Refusals.InvitationOffersMoreThanOwn(acting.Organization, role, place, held);
    }
}
