using Gatehouse.Core.Access;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Model;
using C = Gatehouse.Core.Management.ManagementCodes;

namespace Gatehouse.Core.Management;

/// <summary>
/// The sentences of the refusals to move or delete a scope: what the change would do to one person the actor may
/// see, then why the actor could not make that change directly; or, about someone the actor may not see, nothing
/// but whom to ask.
/// </summary>
internal static partial class Refusals
{
    public static Decision ScopeCycle(Error error) => Decision.Refuse(Refusal.Conflict, error);

    public static Decision ScopeDeletionChange(CompiledOrganization org, Guid scopeId, ScopeHolder holder, ActingMember acting, Guid place, Decision why) =>
        Forbidden(C.ScopeDeleteChangesAccess,
            $"Deleting {org.DescribeTarget(scopeId)} would take away {Whose(holder, acting, "role")} {Wording.Place(org, place)}, which you could not do yourself. {why.Error!.Message}");

    public static Decision ScopeDeletionHiddenChange(CompiledOrganization org, Guid scopeId, Guid place) =>
        Forbidden(C.ScopeDeleteChangesAccess,
            $"Deleting {org.DescribeTarget(scopeId)} would take away the access of someone you cannot see {Wording.Place(org, place)}, which you could not do yourself; {Wording.WhoToAsk(org, ManagementPermissions.Assign, place)}.");

    public static Decision ScopeMoveChange(CompiledOrganization org, Guid scopeId, Guid? newParentId, ScopeHolder holder, ActingMember acting, Guid place, Decision why) =>
        Forbidden(C.ScopeMoveChangesAccess,
            $"Moving {org.DescribeTarget(scopeId)} {Destination(org, newParentId)} would change {(holder.Invitation is { } i ? $"what the invitation to {i.Email} offers" : Whose(holder, acting, "access"))} {Wording.Place(org, place)}, which you could not do yourself. {why.Error!.Message}");

    public static Decision ScopeMoveHiddenChange(CompiledOrganization org, Guid scopeId, Guid? newParentId, Guid place) =>
        Forbidden(C.ScopeMoveChangesAccess,
            $"Moving {org.DescribeTarget(scopeId)} {Destination(org, newParentId)} would change the access of someone you cannot see {Wording.Place(org, place)} in a way you could not make yourself; {Wording.WhoToAsk(org, ManagementPermissions.Assign, place)}.");

    /// <summary>Someone would hold, before the move, more than the actor there: taking it away is not the actor's to do.</summary>
    public static Decision HolderExceedsOwnAccess(ActingMember acting, ScopeHolder holder, Guid place, PermissionSet theirs, PermissionSet held) =>
        holder.Member is { } member
            ? MemberExceedsOwnAccess(acting.Organization, member, place, theirs, held)
            : Forbidden(C.MemberExceedsOwnAccess, $"It offers {Wording.FirstMissing(acting.Organization, theirs, held)} there, which you do not have; only someone who could send it may change it.");

    /// <summary>Someone would gain there what the actor does not hold there: "no one grants what they do not hold".</summary>
    public static Decision GainExceedsOwnAccess(ActingMember acting, ScopeHolder holder, Guid place, PermissionSet gained, PermissionSet held)
    {
        var permission = Wording.FirstMissing(acting.Organization, gained, held);
        return Forbidden(C.RoleExceedsOwnAccess, holder.IsActor(acting)
            ? $"It would give you {permission} there, which you do not have now; moving a scope never widens your own access, so ask someone who holds it there."
            : holder.Invitation is not null
                ? $"It would offer {permission} there, which you do not have; only someone who holds it there may offer it."
                : $"It would give them {permission} there, which you do not have; only someone who holds it there may give it.");
    }

    private static string Whose(ScopeHolder holder, ActingMember acting, string what) =>
        holder.IsActor(acting) ? $"your own {what}" : $"{holder.Member!.Entry.Name}'s {what}";

    private static string Destination(CompiledOrganization org, Guid? newParentId) =>
        newParentId is { } parent ? $"under {org.DescribeTarget(parent)}" : "to the top level";
}
