using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Model;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Management;

/// <summary>Rules for giving one role at one target.</summary>
internal static class GrantRules
{
    /// <summary>
    /// Giving role R at T: T exists, the actor holds the management permission at T, R exists and may be
    /// granted at that kind of target, and R holds nothing the actor lacks at T ("no escalation").
    /// </summary>
    public static Decision MayGrant(ActingMember acting, GrantSpec grant, InlineRole? inline, string permission)
    {
        var org = acting.Organization;
        var target = grant.ScopeId;
        var decision = TargetRules.RequireTarget(org, target).Then(() => TargetRules.RequirePermission(acting, permission, target));
        if (!decision.IsAllowed)
        {
            return decision;
        }
        if (FindRole(org, grant.RoleKey, inline) is not { } role)
        {
            return Refusals.RoleNotFound(org, grant.RoleKey);
        }
        if (role.Kind == RoleKind.Inline && inline?.Key != role.Key)
        {
            return Refusals.InlineRoleNotReusable(role);
        }
        if (!role.GrantableAt.HasFlag(target is null ? GrantTargets.Organization : GrantTargets.Scope))
        {
            return Refusals.RoleNotGrantableHere(org, role, target);
        }
        var held = acting.HeldAt(target);
        return role.Permissions.IsSubsetOf(held) ? Decision.Allowed : Refusals.RoleExceedsOwnAccess(org, role, target, held);
    }

    public static Decision MayGrantEach(ActingMember acting, IEnumerable<GrantSpec> grants, InlineRole? inline, string permission) =>
        Decision.All(grants, g => MayGrant(acting, g, inline, permission));

    /// <summary>
    /// Taking a grant away at T needs <c>members.assign</c> at T and the member's access at T within the actor's
    /// own. A grant on a scope deleted since counts as on the organization, the only place left enclosing it.
    /// </summary>
    public static Decision MayTakeAway(ActingMember acting, CompiledMember member, Guid? target)
    {
        var place = target is { } id && !acting.Organization.HasScope(id) ? null : target;
        return TargetRules.RequirePermission(acting, ManagementPermissions.Assign, place)
            .Then(() => MemberRules.RequireWithinOwn(acting, member, place));
    }

    /// <summary>The member's grant as requested, when they hold it.</summary>
    public static bool Holds(CompiledMember member, GrantSpec grant) =>
        member.Grants.Contains(new GrantEntry(member.Entry.MemberId, grant.RoleKey, grant.ScopeId));

    /// <summary>A role of the organization, or the inline role the request proposes.</summary>
    public static CompiledRole? FindRole(CompiledOrganization org, string key, InlineRole? inline)
    {
        if (inline is not null && inline.Key == key && org.FindRole(key) is null)
        {
            var catalog = org.Model.Catalog;
            return new CompiledRole(key, inline.Name, RoleKind.Inline, catalog.SetOf(inline.Permissions.Where(catalog.Contains)), GrantTargets.Anywhere);
        }
        return org.FindRole(key);
    }

    /// <summary>An inline role is allowed by the model's policy, new, and made of known permissions.</summary>
    public static Decision ValidateInline(CompiledOrganization org, InlineRole? inline)
    {
        if (inline is null)
        {
            return Decision.Allowed;
        }
        if (!org.Model.Policies.InlineRoles)
        {
            return Refusals.InlineRolesDisabled(org);
        }
        if (org.FindRole(inline.Key) is { } existing)
        {
            return Refusals.InlineRoleNotReusable(existing);
        }
        return RoleRules.ValidatePermissions(org, inline.Permissions)
            .Then(() => inline.Permissions.FirstOrDefault(p => !org.Model.InlineRolePermissions.Contains(p)) is { } outside
                ? Refusals.NotOfferedToInlineRoles(org, outside)
                : Decision.Allowed);
    }
}
