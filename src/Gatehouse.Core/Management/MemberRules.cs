using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Management;

/// <summary>Rules protecting the member being managed.</summary>
internal static class MemberRules
{
    /// <summary>
    /// "Members managed by an external source are read-only to admins" and "only an owner changes an owner"
    /// (DESIGN.md, "Who may manage whom").
    /// </summary>
    public static Decision RequireEditable(ActingMember acting, CompiledMember member)
    {
        if (member.Entry.ManagedBy == ManagedBy.External)
        {
            return Refusals.ManagedExternally(member);
        }
        return member.Entry.IsOwner && !acting.IsOwner ? Refusals.OwnerProtected(acting.Organization, member) : Decision.Allowed;
    }

    /// <summary>
    /// "An access model may mark a role as protected (the workspace admin): only owners and platform operators change
    /// or remove it." Every operation on a member asks it last, so a refusal for lacking rights says that first.
    /// </summary>
    public static Decision RequireNotProtected(ActingMember acting, CompiledMember member) =>
        !acting.IsOwner && ProtectedRoleOf(acting.Organization, member) is { } role
            ? Refusals.ProtectedRole(acting.Organization, member, role)
            : Decision.Allowed;

    /// <summary>
    /// The first protected role (<see cref="RoleDefinition.Protected"/>) the member holds, or null: "only owners and
    /// platform operators change or remove it" (DESIGN.md, "Who may manage whom").
    /// </summary>
    public static RoleDefinition? ProtectedRoleOf(CompiledOrganization organization, CompiledMember member)
    {
        foreach (var grant in member.Grants)
        {
            if (organization.Model.FindRole(grant.RoleKey) is { Protected: true } role)
            {
                return role;
            }
        }
        return null;
    }

    /// <summary>
    /// "Changing or removing a member's grants at T needs that member's effective set at T to be within the
    /// actor's own": a project admin cannot edit a workspace admin.
    /// </summary>
    public static Decision RequireWithinOwn(ActingMember acting, CompiledMember member, Guid? target)
    {
        var theirs = acting.Organization.HeldPermissions(member, target);
        var held = acting.HeldAt(target);
        return theirs.IsSubsetOf(held) ? Decision.Allowed : Refusals.MemberExceedsOwnAccess(acting.Organization, member, target, theirs, held);
    }

    /// <summary>The management permission at every place the membership reaches: acting on the membership acts on each.</summary>
    public static Decision RequirePermissionEverywhere(ActingMember acting, CompiledMember member, string permission) =>
        Decision.All(TargetRules.MembershipTargets(acting.Organization, member), t => TargetRules.RequirePermission(acting, permission, t));

    /// <summary><see cref="RequireWithinOwn"/> at every place the membership reaches.</summary>
    public static Decision RequireWithinOwnEverywhere(ActingMember acting, CompiledMember member) =>
        Decision.All(TargetRules.MembershipTargets(acting.Organization, member), t => RequireWithinOwn(acting, member, t));

    /// <summary>
    /// "Deactivating or removing a member needs only the member's management rights (the <c>members.*</c>,
    /// <c>roles.manage</c>, <c>organization.manage</c> permissions), full access and ownership to be within the actor's
    /// own: removing access is not granting it, and nobody locks out someone above them." Ownership is
    /// <see cref="RequireEditable"/>'s; the rest is checked at every place the membership reaches.
    /// </summary>
    public static Decision RequireManagementWithinOwnEverywhere(ActingMember acting, CompiledMember member)
    {
        if (member.Entry.HasFullAccess && !acting.BypassesChecks)
        {
            return Refusals.MemberHasFullAccess(acting.Organization, member);
        }
        return Decision.All(TargetRules.MembershipTargets(acting.Organization, member), target => RequireManagementWithinOwn(acting, member, target));
    }

    private static Decision RequireManagementWithinOwn(ActingMember acting, CompiledMember member, Guid? target)
    {
        var catalog = acting.Organization.Model.Catalog;
        var theirs = acting.Organization.HeldPermissions(member, target);
        var held = acting.HeldAt(target);
        foreach (var code in ManagementPermissions.LockOut)
        {
            if (catalog.TryGetIndex(code, out var index) && theirs.Contains(index) && !held.Contains(index))
            {
                return Refusals.ManagementRightsExceedOwn(acting.Organization, member, target, code);
            }
        }
        return Decision.Allowed;
    }

    /// <summary>"The last owner cannot be removed, deactivated or demoted."</summary>
    public static Decision RequireNotLastOwner(ActingMember acting, CompiledMember member) =>
        member.Entry.IsOwner && member.IsActive && acting.Organization.OwnerCount <= 1
            ? Refusals.LastOwner(acting.Organization, member)
            : Decision.Allowed;

    /// <summary>Resolves the actor and the member acted on, then applies the operation's own rules.</summary>
    public static Decision OnMember(CompiledOrganization organization, Actor actor, Guid memberId, Func<ActingMember, CompiledMember, Decision> rules)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        var (member, missing) = Find(acting, memberId);
        return member is null ? missing : rules(acting, member);
    }

    public static (CompiledMember? Member, Decision Refusal) Find(ActingMember acting, Guid memberId) =>
        acting.Organization.FindMember(memberId) is { } member ? (member, Decision.Allowed) : (null, Refusals.MemberNotFound(acting.Organization));
}
