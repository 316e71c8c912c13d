using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>
/// Someone whose access a move or deletion of a scope can change: a member, or a pending invitation (a member to
/// be, whose offer changes just the same). Full access and ownership hold everything wherever a scope sits, so
/// neither is ever a holder.
/// </summary>
internal sealed record ScopeHolder(CompiledMember? Member, Invitation? Invitation, IReadOnlyList<(string RoleKey, Guid? ScopeId)> Grants)
{
    /// <summary>The members and pending invitations holding a grant on a target <paramref name="touches"/> accepts (every one without it).</summary>
    public static IEnumerable<ScopeHolder> Of(CompiledOrganization organization, IEnumerable<Invitation> pendingInvitations, Func<Guid?, bool>? touches = null)
    {
        touches ??= _ => true;
        return organization.Members.Where(m => !m.BypassesChecks && m.Grants.Any(g => touches(g.ScopeId)))
            .Select(m => new ScopeHolder(m, null, [.. m.Grants.Select(g => (g.RoleKey, g.ScopeId))]))
            .Concat(pendingInvitations
                .Where(i => i.OrganizationId == organization.OrganizationId && i.Status == InvitationStatus.Pending && !i.FullAccess && i.Grants.Any(g => touches(g.ScopeId)))
                .Select(i => new ScopeHolder(null, i, [.. i.Grants.Select(g => (g.RoleKey, g.ScopeId))])));
    }

    /// <summary>
    /// What the holder's grants give at a scope whose ancestors are given by <paramref name="parentOf"/>: the access
    /// rule's union of the roles on the organization and on the scope and each ancestor (a role or scope that is
    /// gone gives nothing), worked out here because the tree asked about may be one that does not exist yet.
    /// </summary>
    public PermissionSet HeldAt(CompiledOrganization organization, Guid scopeId, Func<Guid, Guid?> parentOf)
    {
        var chain = new HashSet<Guid>();
        Guid? at = scopeId;
        // Add fails on a scope seen before, so even a tree that is not one ends the walk.
        while (at is { } id && chain.Add(id))
        {
            at = parentOf(id);
        }
        var held = new PermissionSet.Builder(organization.Model.Catalog.Count);
        foreach (var (roleKey, target) in Grants)
        {
            if ((target is null || chain.Contains(target.Value)) && organization.FindRole(roleKey) is { } role)
            {
                held.Add(role.Permissions);
            }
        }
        return held.Build();
    }

    public bool IsActor(ActingMember acting) => Member is not null && acting.Is(Member);

    /// <summary>The management permission that changing this holder's access directly takes: assigning for a member, inviting for an offer.</summary>
    public string Permission => Member is null ? ManagementPermissions.Invite : ManagementPermissions.Assign;

    /// <summary>Whom the viewer may be told about: members by the member-visibility rule, an invitation where the viewer could list it.</summary>
    public bool IsVisibleTo(ActingMember acting, MemberVisibility? visibility) =>
        Member is { } member ? acting.IsOperator || acting.Is(member) || visibility?.CanSee(member) == true
        : InvitationVisibility.CanSee(acting, Invitation!);
}
