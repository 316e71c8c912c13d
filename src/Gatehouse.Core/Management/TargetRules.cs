using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>Rules about targets: the organization itself (null) or one of its scopes.</summary>
internal static class TargetRules
{
    public static Decision RequireTarget(CompiledOrganization organization, Guid? target) =>
        target is { } scopeId && !organization.HasScope(scopeId) ? Refusals.ScopeNotFound(organization) : Decision.Allowed;

    /// <summary>"Acting on a target needs the management permission at that target (directly or inherited)."</summary>
    public static Decision RequirePermission(ActingMember acting, string permission, Guid? target) =>
        acting.Holds(permission, target) ? Decision.Allowed : Refusals.MissingPermission(acting.Organization, permission, target);

    /// <summary>
    /// Where a membership reaches: the targets of its grants, and the whole organization when the member
    /// bypasses checks or holds no grant. Acting on the membership as a whole (deactivate, remove) acts on each.
    /// </summary>
    public static IReadOnlyList<Guid?> MembershipTargets(CompiledOrganization organization, CompiledMember member)
    {
        var targets = member.Grants
            .Select(g => g.ScopeId)
            .Where(t => t is null || organization.HasScope(t.Value))
            .Distinct()
            .ToList();
        if (member.BypassesChecks || targets.Count == 0)
        {
            targets.Insert(0, null);
        }
        return [.. targets.Distinct()];
    }
}
