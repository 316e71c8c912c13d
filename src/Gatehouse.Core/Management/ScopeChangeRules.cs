using Gatehouse.Core.Access;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>
/// "Moving or deleting a scope changes other people's access: it is allowed only when the actor could make each
/// resulting change directly, and never makes the actor's own access grow" (DESIGN.md, "Who may manage whom").
/// </summary>
internal static class ScopeChangeRules
{
    /// <summary>
    /// Deleting a scope takes away every grant on it and on the scopes under it, so each needs what removing that
    /// grant needs (<see cref="RemoveGrant"/>): the member editable by the actor, <c>members.assign</c> there, and the
    /// member's access there within the actor's own. Access that only reached the scope from above vanishes with the
    /// place, not with a grant, and asks nothing.
    /// </summary>
    public static Decision RequireDeletionWithinOwn(ActingMember acting, Guid scopeId)
    {
        var org = acting.Organization;
        var doomed = org.SelfAndDescendants(scopeId).Select(s => s.Id).ToList();
        var refused = doomed.SelectMany(place => org.Members
            .Where(m => m.Grants.Any(g => g.ScopeId == place))
            .Select(m => (Holder: new ScopeHolder(m, null, []), Place: place, Why: MemberRules.RequireEditable(acting, m)
                .Then(() => GrantRules.MayTakeAway(acting, m, place))
                .Then(() => MemberRules.RequireNotProtected(acting, m)))));
        return Refuse(acting, scopeId, refused, (holder, place, why) => holder is null
            ? Refusals.ScopeDeletionHiddenChange(org, scopeId, place)
            : Refusals.ScopeDeletionChange(org, scopeId, holder, acting, place, why));
    }

    /// <summary>
    /// Moving a scope changes, at it and every scope under it, what each member (and each pending invitation) holds
    /// from the old and the new ancestors. Each change needs what making it directly needs: the member editable,
    /// <c>members.assign</c> there (<c>members.invite</c> for an invitation's offer), their access there before
    /// within the actor's own (to take anything away), and everything they would gain held by the actor there
    /// (to give it). The actor is one of the members: what they would gain they lack, so their access never grows.
    /// </summary>
    public static Decision RequireMoveWithinOwn(ActingMember acting, Guid scopeId, Guid? newParentId, IEnumerable<Invitation> pendingInvitations)
    {
        var org = acting.Organization;
        var parents = org.Scopes.ToDictionary(s => s.Id, s => s.ParentId);
        Guid? Before(Guid id) => parents.GetValueOrDefault(id);
        Guid? After(Guid id) => id == scopeId ? newParentId : parents.GetValueOrDefault(id);
        // Only grants above the scope on one side of the move and not the other change anything under it.
        var oldAncestors = org.SelfAndAncestors(scopeId).Skip(1).Select(s => s.Id).ToHashSet();
        var newAncestors = newParentId is { } parent ? org.SelfAndAncestors(parent).Select(s => s.Id).ToHashSet() : [];
        var changing = new HashSet<Guid>(oldAncestors);
        changing.SymmetricExceptWith(newAncestors);
        var moved = org.SelfAndDescendants(scopeId).Select(s => s.Id).ToList();
        var holders = ScopeHolder.Of(org, pendingInvitations, target => target is { } id && changing.Contains(id)).ToList();
        var refused = moved.SelectMany(place => holders.Select(holder =>
        {
            var before = holder.HeldAt(org, place, Before);
            var after = holder.HeldAt(org, place, After);
            return (Holder: holder, Place: place, Why: before.Equals(after) ? Decision.Allowed : MayChange(acting, holder, place, before, after));
        }));
        return Refuse(acting, scopeId, refused, (holder, place, why) => holder is null
            ? Refusals.ScopeMoveHiddenChange(org, scopeId, newParentId, place)
            : Refusals.ScopeMoveChange(org, scopeId, newParentId, holder, acting, place, why));
    }

    private static Decision MayChange(ActingMember acting, ScopeHolder holder, Guid place, PermissionSet before, PermissionSet after)
    {
        var held = acting.HeldAt(place);
        var gained = after.Except(before);
        // The gain first: for the actor themself it is the whole rule (their own access never grows).
        return (holder.Member is { } member ? MemberRules.RequireEditable(acting, member) : Decision.Allowed)
            .Then(() => gained.IsSubsetOf(held) ? Decision.Allowed : Refusals.GainExceedsOwnAccess(acting, holder, place, gained, held))
            .Then(() => TargetRules.RequirePermission(acting, holder.Permission, place))
            .Then(() => before.IsSubsetOf(held) ? Decision.Allowed : Refusals.HolderExceedsOwnAccess(acting, holder, place, before, held))
            .Then(() => holder.Member is { } protectedMember ? MemberRules.RequireNotProtected(acting, protectedMember) : Decision.Allowed);
    }

    /// <summary>
    /// Allowed when nothing is refused; otherwise one refusal naming one person affected whom the actor may see,
    /// or, when the actor may see none of them, a refusal that names no one and says nothing about them.
    /// </summary>
    /// <remarks>
    /// Which one is named is fixed here, not left to the order the compiled organization keeps its members in (a
    /// hash of random ids, so the same request could name a different person each time): the scope moved or deleted
    /// before the scopes under it, those by name; at a place the actor themself first (their own access is the
    /// rule's headline), then members by name, then invitations by email; ids break ties.
    /// </remarks>
    private static Decision Refuse(ActingMember acting, Guid scopeId, IEnumerable<(ScopeHolder Holder, Guid Place, Decision Why)> changes,
        Func<ScopeHolder?, Guid, Decision, Decision> refusal)
    {
        var org = acting.Organization;
        var refused = changes.Where(c => !c.Why.IsAllowed).ToList();
        if (refused.Count == 0)
        {
            return Decision.Allowed;
        }
        refused = [.. refused
            .OrderBy(c => c.Place == scopeId ? 0 : 1)
            .ThenBy(c => org.FindScope(c.Place)?.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Place)
            .ThenBy(c => c.Holder.IsActor(acting) ? 0 : c.Holder.Member is not null ? 1 : 2)
            .ThenBy(c => c.Holder.Member?.Entry.Name ?? c.Holder.Invitation!.Email, StringComparer.Ordinal)
            .ThenBy(c => c.Holder.Member?.MemberId ?? c.Holder.Invitation!.Id)];
        var (visibility, _) = MemberVisibility.For(acting.Organization, acting.Member is { } self ? Actor.Member(self.Entry.UserId) : Actor.PlatformOperator(Guid.Empty));
        foreach (var (holder, place, why) in refused)
        {
            if (holder.IsVisibleTo(acting, visibility))
            {
                return refusal(holder, place, why);
            }
        }
        return refusal(null, refused[0].Place, refused[0].Why);
    }
}
