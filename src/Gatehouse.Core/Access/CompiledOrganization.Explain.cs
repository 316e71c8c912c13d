namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>Explains a check: which grants allowed it, or what is missing where.</summary>
    public AccessExplanation Explain(Guid userId, string permission, Guid? scopeId, Guid? resourceOwnerUserId, TimeProvider time)
    {
        if (!Model.Catalog.TryGetIndex(permission, out var bit))
        {
            return AccessExplanation.Deny("unknown_permission", $"'{permission}' is not a permission of this deployment.", permission);
        }
        if (FindMemberByUser(userId) is not { } member)
        {
            return AccessExplanation.Deny("not_a_member", $"The user is not a member of this {Model.OrganizationLabel}.", permission);
        }
        if (!member.IsActive)
        {
            return AccessExplanation.Deny("member_deactivated", $"{member.Entry.Name} is deactivated in this {Model.OrganizationLabel}.", permission);
        }
        if (!member.IsAdmitted(time))
        {
            return AccessExplanation.Deny("account_locked", $"{member.Entry.Name}'s account is locked.", permission);
        }
        if (scopeId is { } id && !HasScope(id))
        {
            return AccessExplanation.Deny("unknown_scope", $"The {Model.Scopes?.Singular ?? "scope"} does not exist in this {Model.OrganizationLabel}.", permission);
        }
        if (member.BypassesChecks)
        {
            var reason = member.Entry.HasFullAccess ? "full_access" : "owner";
            return new(true, reason, $"{member.Entry.Name} has {(member.Entry.HasFullAccess ? "full access" : "ownership")} of this {Model.OrganizationLabel}.", permission, [], []);
        }
        var label = Model.LabelOf(permission);
        var allowing = GrantsHolding(member, bit, scopeId);
        if (allowing.Count > 0)
        {
            return new(true, "granted", $"{member.Entry.Name} has '{label}' at {DescribeTarget(scopeId)} through {Describe(allowing)}{ImpliedNote(bit, allowing)}.", permission, allowing, []);
        }
        var own = Model.Catalog.ViewOwnIndexFor(bit);
        if (own >= 0 && resourceOwnerUserId == userId && GrantsHolding(member, own, scopeId) is { Count: > 0 } ownGrants)
        {
            return new(true, "view_own", $"{member.Entry.Name} may see their own items at {DescribeTarget(scopeId)} through {Describe(ownGrants)}.", permission, ownGrants, []);
        }
        IReadOnlyList<Guid?> searched = [.. (scopeId is { } s ? SelfAndAncestors(s).Select(a => (Guid?)a.Id) : []), null];
        return new(false, "missing_permission", $"{member.Entry.Name} does not have '{label}' ({Model.Catalog[bit].Category}) at {DescribeTarget(scopeId)}, nor on any enclosing target.", permission, [], searched);
    }

    private List<GrantEntry> GrantsHolding(CompiledMember member, int bit, Guid? scopeId) =>
        [.. GrantsApplyingAt(member, scopeId).Where(g => FindRole(g.RoleKey) is { } role && role.Permissions.Contains(bit))];

    /// <summary>Names a permission of the allowing roles that includes the one asked about ("edit includes view"), when there is one.</summary>
    private string ImpliedNote(int bit, IEnumerable<GrantEntry> allowing)
    {
        var catalog = Model.Catalog;
        var implier = Enumerable.Range(0, catalog.Count)
            .FirstOrDefault(i => i != bit && catalog.ImpliedBy(i).Contains(bit) && allowing.Any(g => FindRole(g.RoleKey)?.Permissions.Contains(i) == true), -1);
        return implier < 0 ? "" : $" ('{catalog[implier].FullLabel}' includes it)";
    }

    private string Describe(IEnumerable<GrantEntry> grants) =>
        string.Join(", ", grants.Select(g => $"role '{FindRole(g.RoleKey)?.Name ?? g.RoleKey}' on {DescribeTarget(g.ScopeId)}"));
}
