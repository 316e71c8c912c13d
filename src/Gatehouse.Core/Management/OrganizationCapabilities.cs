using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>What a viewer may do in an organization as a whole (the "Invite user" and "Create group" buttons, <c>/me</c>).</summary>
/// <param name="InviteTargets">Targets the viewer may invite people to (null = organization-wide).</param>
/// <param name="AssignTargets">Targets where the viewer may give existing members access.</param>
/// <param name="GiveFullAccess">The viewer may give full access.</param>
/// <param name="ManageRoles">The viewer may create, edit and delete custom roles.</param>
/// <param name="ViewAudit">The viewer may read the audit log: all of it, or the events about the scopes where they hold <c>audit.view</c>.</param>
public sealed record OrganizationCapabilities(
    IReadOnlyList<Guid?> InviteTargets,
    IReadOnlyList<Guid?> AssignTargets,
    bool GiveFullAccess,
    bool ManageRoles,
    bool ViewAudit)
{
    /// <summary>True when the viewer may invite someone somewhere.</summary>
    public bool Invite => InviteTargets.Count > 0 || GiveFullAccess;

    /// <summary>Nothing allowed.</summary>
    public static OrganizationCapabilities None { get; } = new([], [], false, false, false);

    /// <summary>The viewer's management permissions at each target.</summary>
    public static OrganizationCapabilities Evaluate(CompiledOrganization organization, Actor actor)
    {
        var (acting, _) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return None;
        }
        var targets = new Guid?[] { null }.Concat(organization.Scopes.Select(s => (Guid?)s.Id)).ToList();
        return new OrganizationCapabilities(
            [.. targets.Where(t => acting.Holds(ManagementPermissions.Invite, t))],
            [.. targets.Where(t => acting.Holds(ManagementPermissions.Assign, t))],
            acting.BypassesChecks,
            RoleRules.RequireRoleManagement(acting).IsAllowed,
            targets.Any(t => acting.Holds(ManagementPermissions.ViewAudit, t)));
    }
}
