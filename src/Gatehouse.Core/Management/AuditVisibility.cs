using Gatehouse.Core.Access;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>
/// Which of an organization's audit events a viewer may read: all of them with <c>audit.view</c> on the organization;
/// otherwise those whose every place (<see cref="AuditEventPlace"/>) is a scope where the viewer holds <c>audit.view</c>
/// (directly or inherited), so a workshop manager reads what happened in their workshops and nothing that names people
/// or places elsewhere. Events recorded before places were kept have none and stay with organization-wide viewers.
/// </summary>
/// <param name="Everyone">The viewer reads every event.</param>
/// <param name="Scopes">Otherwise, the scopes where the viewer holds <c>audit.view</c>.</param>
public sealed record AuditVisibility(bool Everyone, IReadOnlyList<Guid> Scopes)
{
    /// <summary>The viewer's reach; null with the refusal (about the organization) when they hold <c>audit.view</c> nowhere.</summary>
    public static (AuditVisibility? Visibility, Decision Refusal) For(CompiledOrganization organization, Actor actor)
    {
        var whole = RequirePermission.Evaluate(organization, actor, ManagementPermissions.ViewAudit, null);
        if (whole.IsAllowed)
        {
            return (new AuditVisibility(true, []), Decision.Allowed);
        }
        if (whole.Code is ManagementCodes.NotAMember or ManagementCodes.ActorDeactivated)
        {
            return (null, whole);
        }
        var scopes = organization.Scopes
            .Where(s => RequirePermission.Evaluate(organization, actor, ManagementPermissions.ViewAudit, s.Id).IsAllowed)
            .Select(s => s.Id)
            .ToList();
        return scopes.Count == 0 ? (null, whole) : (new AuditVisibility(false, scopes), Decision.Allowed);
    }

    /// <summary>True when the viewer may read an event that touches these places.</summary>
    public bool CanSee(IReadOnlyCollection<Guid> places) => Everyone || (places.Count > 0 && places.All(Scopes.Contains));
}
