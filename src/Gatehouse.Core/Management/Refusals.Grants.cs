using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using C = Gatehouse.Core.Management.ManagementCodes;

namespace Gatehouse.Core.Management;

/// <summary>The sentences of the policy's refusals about targets, roles, grants and invitations.</summary>
internal static partial class Refusals
{
    public static Decision ScopeNotFound(CompiledOrganization org) =>
        org.Model.Scopes is { } kind
            ? NotFound(C.ScopeNotFound, $"That {kind.Singular} does not exist in this {org.Model.OrganizationLabel}; refresh and choose another.")
            : Invalid(C.ScopeNotFound, $"This {org.Model.OrganizationLabel} is not divided into places; give access to the {org.Model.OrganizationLabel} as a whole.", "scopeId");

    public static Decision RoleNotFound(CompiledOrganization org, string key, Refusal refusal = Refusal.Invalid) =>
        Decision.Refuse(refusal, new Errors.Error(C.RoleNotFound, $"There is no role '{key}' in this {org.Model.OrganizationLabel}; choose one from the list.", "roleKey"));

    public static Decision RoleNotGrantableHere(CompiledOrganization org, CompiledRole role, Guid? target) =>
        Invalid(C.RoleNotGrantableHere, target is null
            ? $"'{role.Name}' can only be given on a {org.Model.Scopes?.Singular ?? "scope"}, not on the {org.Model.OrganizationLabel} as a whole; choose a {org.Model.Scopes?.Singular ?? "scope"}."
            : $"'{role.Name}' can only be given on the {org.Model.OrganizationLabel} as a whole, not on one {org.Model.Scopes?.Singular ?? "scope"}.", "roleKey");

    public static Decision GrantNotFound(CompiledOrganization org, CompiledMember member, Guid? target) =>
        NotFound(C.GrantNotFound, $"{member.Entry.Name} has no such role {Wording.Place(org, target)}; refresh and try again.");

    public static Decision AccessInherited(CompiledOrganization org, CompiledMember member, Guid target) =>
        Conflict(C.AccessInherited, $"{member.Entry.Name} has access {Wording.Place(org, target)}{Through(org, member, target)}, not through a role of its own; change it there.");

    public static Decision AlreadyHasAccess(CompiledOrganization org, CompiledMember member, Guid? target) =>
        Conflict(C.AlreadyHasAccess, $"{member.Entry.Name} already has that access {Wording.Place(org, target)}{Through(org, member, target)}; there is nothing to add.");

    public static Decision AlreadyMember(CompiledOrganization org, string email) =>
        Conflict(C.AlreadyMember, $"{email} is already a member of this {org.Model.OrganizationLabel}; change their access instead of inviting them.");

    public static Decision InvitationRequired(CompiledOrganization org, string email, Guid? target, bool actorMayInvite) =>
        Conflict(C.InvitationRequired, actorMayInvite
            ? $"{email} is not a member of this {org.Model.OrganizationLabel} yet; invite them instead."
            : $"{email} is not a member of this {org.Model.OrganizationLabel} yet; someone who may invite people must invite them first: {Wording.WhoToAsk(org, ManagementPermissions.Invite, target)}.");

    public static Decision AccessRequired(string email) =>
        Invalid(C.AccessRequired, $"Choose what {email} gets: at least one role and where it applies, or full access.", "grants");

    public static Decision OneRolePerMember(CompiledOrganization org) =>
        Invalid(C.OneRolePerMember, $"Each member of this {org.Model.OrganizationLabel} has exactly one role; choose one.", "grants");

    public static Decision OneRoleAlreadyHeld(CompiledMember member) =>
        Conflict(C.OneRolePerMember, $"{member.Entry.Name} already has a role and each member has exactly one; change their role instead.");

    public static Decision OneRoleCannotBeRemoved(CompiledMember member) =>
        Conflict(C.OneRolePerMember, $"Each member needs exactly one role; change {member.Entry.Name}'s role instead of removing it.");

    public static Decision InvitationNotFound(CompiledOrganization org) =>
        NotFound(C.InvitationNotFound, $"That invitation does not exist in this {org.Model.OrganizationLabel}; refresh the list.");

    public static Decision InvitationOffersMoreThanOwn(CompiledOrganization org, CompiledRole role, Guid? target, PermissionSet held) =>
        Forbidden(C.RoleExceedsOwnAccess, $"This invitation offers '{role.Name}' {Wording.Place(org, target)}, which includes {Wording.FirstMissing(org, role.Permissions, held)} that you do not have there; only someone who could send it may resend or revoke it.");

    public static Decision InvitationClosed(string status) =>
        Conflict(C.InvitationClosed, $"This invitation was already {status}; send a new invitation instead.");

    private static string Through(CompiledOrganization org, CompiledMember member, Guid? target)
    {
        if (member.BypassesChecks)
        {
            return member.Entry.IsOwner ? " as an owner" : " through full access";
        }
        var via = org.GrantsApplyingAt(member, target).Where(g => g.ScopeId != target).Select(g => g.ScopeId).Distinct().ToList();
        return via.Count > 0 ? $" through a role {Wording.Place(org, via[0])}" : string.Empty;
    }
}
