using Gatehouse.Core.Access;
using Gatehouse.Core.Members;

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
