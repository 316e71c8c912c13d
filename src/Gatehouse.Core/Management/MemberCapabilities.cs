using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>What a viewer may do with one member, so a console can disable the controls they cannot use.</summary>
/// <param name="EditAccess">The viewer may change some of the member's access (a target below, or full access).</param>
/// <param name="EditableTargets">Targets where the viewer may add or remove the member's grants (null = the organization).</param>
/// <param name="RemovableFromScopes">Scopes the viewer may remove the member from (they hold a grant directly there).</param>
/// <param name="ChangeFullAccess">The viewer may turn the member's full access on or off.</param>
/// <param name="Deactivate">The viewer may deactivate the member now.</param>
/// <param name="Reactivate">The viewer may reactivate the member now (a free seat is checked separately).</param>
/// <param name="Remove">The viewer may remove the member from the organization.</param>
/// <param name="ChangeOwnership">The viewer may make the member an owner, or take their ownership away.</param>
/// <param name="ChangeDetails">The viewer may change the member's first name, last name and phone.</param>
/// <param name="DeleteAccount">The viewer may delete the member's account permanently, provided it belongs to this organization alone (checked when asked).</param>
public sealed record MemberCapabilities(
    bool EditAccess,
    IReadOnlyList<Guid?> EditableTargets,
    IReadOnlyList<Guid> RemovableFromScopes,
    bool ChangeFullAccess,
    bool Deactivate,
    bool Reactivate,
    bool Remove,
    bool ChangeOwnership,
    bool ChangeDetails = false,
    bool DeleteAccount = false)
{
    /// <summary>Nothing allowed: a basic user's row.</summary>
    public static MemberCapabilities None { get; } = new(false, [], [], false, false, false, false, false);

    /// <summary>Asks each operation's policy about this member; the answers are the policy's own, not a copy of it.</summary>
    public static MemberCapabilities Evaluate(CompiledOrganization organization, Actor actor, Guid memberId)
    {
        var (acting, _) = ActingMember.Resolve(organization, actor);
        if (acting is null || organization.FindMember(memberId) is not { } member)
        {
            return None;
        }
        var editable = new Guid?[] { null }
            .Concat(organization.Scopes.Select(s => (Guid?)s.Id))
            .Where(t => MayEditAt(acting, member, t))
            .ToList();
        var removable = member.Grants
            .Where(g => g.ScopeId is not null).Select(g => g.ScopeId!.Value).Distinct()
            .Where(s => RemoveFromScope.Evaluate(organization, actor, new RemoveFromScopeRequest(memberId, s)).IsAllowed)
            .ToList();
        var fullAccess = Management.ChangeFullAccess.Evaluate(organization, actor, new ChangeFullAccessRequest(memberId, !member.Entry.HasFullAccess)).IsAllowed;
        return new MemberCapabilities(
            EditAccess: editable.Count > 0 || fullAccess,
            editable,
            removable,
            fullAccess,
            Deactivate: member.IsActive && Management.Deactivate.Evaluate(organization, actor, new DeactivateRequest(memberId)).IsAllowed,
            Reactivate: !member.IsActive && Management.Reactivate.Evaluate(organization, actor, new ReactivateRequest(memberId)).IsAllowed,
            Remove: RemoveMember.Evaluate(organization, actor, new RemoveMemberRequest(memberId)).IsAllowed,
            ChangeOwnership: ChangeOwner.Evaluate(organization, actor, new ChangeOwnerRequest(memberId, !member.Entry.IsOwner)).IsAllowed,
            ChangeDetails: ChangeMemberDetails.Evaluate(organization, actor, new ChangeMemberDetailsRequest(memberId)).IsAllowed,
            // As if the account belonged here alone: other memberships are in the store, and are checked when the deletion is asked.
            DeleteAccount: Management.DeleteAccount.Evaluate(organization, actor, new DeleteAccountRequest(member.Entry.UserId, [organization.OrganizationId])).IsAllowed);
    }

    /// <summary>The rules every grant change at a target shares, without a particular role in mind.</summary>
    private static bool MayEditAt(ActingMember acting, CompiledMember member, Guid? target) =>
        TargetRules.RequirePermission(acting, ManagementPermissions.Assign, target)
            .Then(() => MemberRules.RequireEditable(acting, member))
            .Then(() => MemberRules.RequireWithinOwn(acting, member, target))
            .Then(() => MemberRules.RequireNotProtected(acting, member))
            .IsAllowed;
}
