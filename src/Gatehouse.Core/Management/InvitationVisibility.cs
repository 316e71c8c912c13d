using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>
/// Who may see an invitation: a viewer holding <c>members.view</c> or <c>members.invite</c> at one of the places it
/// offers. A full-access offer, and a place whose scope is gone, count as the organization itself.
/// </summary>
public static class InvitationVisibility
{
    /// <summary>The places an invitation offers, as visibility counts them (null = the organization).</summary>
    public static IEnumerable<Guid?> Places(CompiledOrganization organization, Invitation invitation) =>
        invitation.FullAccess ? [null]
        : invitation.Targets.Select(t => t is { } id && organization.HasScope(id) ? t : null).DefaultIfEmpty(null).Distinct();

    /// <summary>True when the viewer sees the invitations offering access at a place.</summary>
    public static bool SeesAt(CompiledOrganization organization, Actor actor, Guid? place) =>
        RequirePermission.Evaluate(organization, actor, ManagementPermissions.View, place).IsAllowed
        || RequirePermission.Evaluate(organization, actor, ManagementPermissions.Invite, place).IsAllowed;

    /// <summary>True when the viewer may see the invitation.</summary>
    public static bool CanSee(CompiledOrganization organization, Actor actor, Invitation invitation) =>
        invitation.OrganizationId == organization.OrganizationId && Places(organization, invitation).Any(p => SeesAt(organization, actor, p));

    internal static bool CanSee(ActingMember acting, Invitation invitation) =>
        acting.IsOperator || Places(acting.Organization, invitation).Any(p => acting.Holds(ManagementPermissions.View, p) || acting.Holds(ManagementPermissions.Invite, p));
}
