using Gatehouse.Core.Access;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Model;
using C = Gatehouse.Core.Management.ManagementCodes;

namespace Gatehouse.Core.Management;

/// <summary>The sentences of the policy's refusals about actors, permissions and protected members.</summary>
internal static partial class Refusals
{
    public static Decision NotAMember(CompiledOrganization org) =>
        Forbidden(C.NotAMember, $"You are not a member of this {org.Model.OrganizationLabel}; ask one of its owners to invite you.");

    public static Decision ActorDeactivated(CompiledOrganization org) =>
        Forbidden(C.ActorDeactivated, $"Your membership of this {org.Model.OrganizationLabel} is deactivated; ask an owner to reactivate it.");

    public static Decision MissingPermission(CompiledOrganization org, string permission, Guid? target) =>
        Forbidden(C.MissingPermission, $"You need the {Wording.Label(org, permission)} permission {Wording.Place(org, target)}; {Wording.WhoToAsk(org, permission, target)}.");

    public static Decision RoleExceedsOwnAccess(CompiledOrganization org, CompiledRole role, Guid? target, PermissionSet held) =>
        Forbidden(C.RoleExceedsOwnAccess, $"You cannot give '{role.Name}' {Wording.Place(org, target)} because it includes {Wording.FirstMissing(org, role.Permissions, held)}, which you do not have there; choose a role within your own access.");

    public static Decision MemberExceedsOwnAccess(CompiledOrganization org, CompiledMember member, Guid? target, PermissionSet theirs, PermissionSet held) =>
        Forbidden(C.MemberExceedsOwnAccess, $"You cannot change {member.Entry.Name}'s access {Wording.Place(org, target)}: they have {Wording.FirstMissing(org, theirs, held)} there, which you do not have; ask someone with at least their access.");

    /// <summary>The deactivate/remove variant: <paramref name="missing"/> is the management right they hold and the actor lacks.</summary>
    public static Decision ManagementRightsExceedOwn(CompiledOrganization org, CompiledMember member, Guid? target, string missing) =>
        Forbidden(C.MemberExceedsOwnAccess, $"You cannot deactivate or remove {member.Entry.Name}: they have {Wording.Label(org, missing)} {Wording.Place(org, target)}, which you do not have; ask someone with at least their rights to manage people.");

    public static Decision MemberHasFullAccess(CompiledOrganization org, CompiledMember member) =>
        Forbidden(C.MemberExceedsOwnAccess, $"You cannot deactivate or remove {member.Entry.Name}: they have full access to this {org.Model.OrganizationLabel}; ask a member with full access or an owner.");

    public static Decision FullAccessRequiresFullAccess() =>
        Forbidden(C.FullAccessRequiresFullAccess, "Full access can only be given or taken away by a member with full access or an owner; ask one of them.");

    public static Decision OwnerProtected(CompiledOrganization org, CompiledMember member) =>
        Forbidden(C.OwnerProtected, $"{member.Entry.Name} is an owner of this {org.Model.OrganizationLabel}; only an owner can change an owner.");

    public static Decision ProtectedRole(CompiledOrganization org, CompiledMember member, RoleDefinition role) =>
        Forbidden(C.ProtectedRole, $"{member.Entry.Name} holds the role '{role.Name}', which only an owner of this {org.Model.OrganizationLabel} or product support can change; ask an owner to change their access, deactivate or remove them.");

    public static Decision OwnerOnly(CompiledOrganization org) =>
        Forbidden(C.OwnerOnly, $"Only an owner of this {org.Model.OrganizationLabel} can make someone an owner or take ownership away.");

    public static Decision LastOwner(CompiledOrganization org, CompiledMember member) =>
        Conflict(C.LastOwner, $"{member.Entry.Name} is the last owner of this {org.Model.OrganizationLabel}; make someone else an owner first.");

    public static Decision OwnerMustBeActive(CompiledMember member) =>
        Conflict(C.OwnerMustBeActive, $"{member.Entry.Name} is deactivated; reactivate them before making them an owner.");

    public static Decision CannotTransferToSelf() =>
        Invalid(C.CannotTransferToSelf, "You already own it; choose another member to hand ownership to.");

    public static Decision ManagedExternally(CompiledMember member) =>
        Forbidden(C.ManagedExternally, $"{member.Entry.Name} is managed by your identity provider through provisioning; change them there.");

    public static Decision MemberNotFound(CompiledOrganization org) =>
        NotFound(C.MemberNotFound, $"That person is not a member of this {org.Model.OrganizationLabel}; refresh the list and try again.");

    public static Decision MemberAlreadyDeactivated(CompiledMember member) =>
        Conflict(C.MemberAlreadyDeactivated, $"{member.Entry.Name} is already deactivated.");

    public static Decision MemberAlreadyActive(CompiledMember member) =>
        Conflict(C.MemberAlreadyActive, $"{member.Entry.Name} is already active.");

    public static Decision AccountDeletionNotAllowed(CompiledOrganization org) =>
        Forbidden(C.AccountDeletionNotAllowed, $"Permanently deleting an account is handled by product support; remove the person from this {org.Model.OrganizationLabel} instead, which keeps their account.");

    public static Decision AccountHasOtherMemberships(CompiledMember member) =>
        Conflict(C.AccountHasOtherMemberships, $"{member.Entry.Name}'s account is also used in other organizations, so only product support can delete it; remove them from this one instead.");

    private static Decision Forbidden(string code, string message) => Decision.Refuse(Refusal.Forbidden, new Error(code, message));

    private static Decision Conflict(string code, string message) => Decision.Refuse(Refusal.Conflict, new Error(code, message));

    private static Decision NotFound(string code, string message) => Decision.Refuse(Refusal.NotFound, new Error(code, message));

    private static Decision Invalid(string code, string message, string? field = null) => Decision.Refuse(Refusal.Invalid, new Error(code, message, field));
}
