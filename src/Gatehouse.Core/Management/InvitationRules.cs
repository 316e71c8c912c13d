using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>Rules shared by resending and revoking an invitation.</summary>
internal static class InvitationRules
{
    /// <summary>
    /// "Revoking or resending an invitation needs that right at every target the invitation covers." A
    /// full-access offer covers the whole organization; a target whose scope was deleted since falls back
    /// to the organization, the only place left that encloses it.
    /// </summary>
    public static Decision RequireInviteEverywhere(ActingMember acting, Invitation invitation)
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
        var targets = invitation.Targets.Select(t => t is { } id && org.HasScope(id) ? t : null).ToList();
        if (invitation.FullAccess || targets.Count == 0)
        {
            targets.Add(null);
        }
        return Decision.All(targets.Distinct(), t => TargetRules.RequirePermission(acting, ManagementPermissions.Invite, t));
    }
}
