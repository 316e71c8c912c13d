using Gatehouse.Core.Access;

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
                .Then(() => GrantRules.MayTakeAway(acting, m, place)))));
        return Refuse(acting, refused, (holder, place, why) => holder is null
            ? Refusals.ScopeDeletionHiddenChange(org, scopeId, place)
            : Refusals.ScopeDeletionChange(org, scopeId, holder, acting, place, why));
    }

    /// <summary>
    /// Allowed when nothing is refused; otherwise one refusal naming one person affected whom the actor may see,
    /// or, when the actor may see none of them, a refusal that names no one and says nothing about them.
    /// </summary>
    private static Decision Refuse(ActingMember acting, IEnumerable<(ScopeHolder Holder, Guid Place, Decision Why)> changes,
        Func<ScopeHolder?, Guid, Decision, Decision> refusal)
    {
        var refused = changes.Where(c => !c.Why.IsAllowed).ToList();
        if (refused.Count == 0)
        {
            return Decision.Allowed;
        }
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
