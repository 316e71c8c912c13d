using Gatehouse.Core.Access;
using Gatehouse.Core.Model;
using C = Gatehouse.Core.Management.ManagementCodes;

namespace Gatehouse.Core.Management;

/// <summary>The sentences of the policy's refusals about custom and inline roles.</summary>
internal static partial class Refusals
{
    public static Decision CustomRolesDisabled(CompiledOrganization org) =>
        Invalid(C.CustomRolesDisabled, $"This {org.Model.OrganizationLabel} cannot make its own roles; choose one of the roles that come with the product.");

    public static Decision InlineRolesDisabled(CompiledOrganization org) =>
        Invalid(C.InlineRolesDisabled, $"A one-off set of permissions for one member is not available in this {org.Model.OrganizationLabel}; choose one of the roles.", "inlineRole");

    public static Decision InlineRoleNotReusable(CompiledRole role) =>
        Invalid(C.InlineRoleNotReusable, $"'{role.Name}' was made for one member and cannot be reused; choose the permissions again.", "roleKey");

    // The model decides which categories a one-off role is made of (micromobility: the six product
    // categories, never team management, which stays with the account owner and admins).
    public static Decision NotOfferedToInlineRoles(CompiledOrganization org, string code) =>
        Invalid(C.InlineRolePermissionNotOffered, $"'{org.Model.LabelOf(code)}' cannot be part of a custom set of permissions; choose from the categories offered, or give one of the roles instead.", "inlineRole.permissions");

    public static Decision SystemRoleReadOnly(CompiledRole role) =>
        Invalid(C.SystemRoleReadOnly, $"'{role.Name}' comes with the product and cannot be changed or deleted; make a role of your own instead.", "roleKey");

    public static Decision RoleWouldExceedOwnAccess(CompiledOrganization org, string name, PermissionSet wanted, PermissionSet held) =>
        Forbidden(C.RoleExceedsOwnAccess, $"The role '{name}' would hold {Wording.FirstMissing(org, wanted, held)}, which you do not have {Wording.Place(org, null)}; a role can only hold permissions you have yourself.");

    public static Decision RoleNameRequired() =>
        Invalid(C.RoleNameRequired, "Give the role a name.", "name");

    public static Decision RoleNameTaken(string name) =>
        Conflict(C.RoleNameTaken, $"There is already a role called '{name}'; choose another name.");

    public static Decision RolePermissionsRequired() =>
        Invalid(C.RolePermissionsRequired, "Choose at least one permission for the role.", "permissions");

    public static Decision UnknownPermission(string code) =>
        Invalid(C.UnknownPermission, $"'{code}' is not a permission of this product; choose permissions from the list.", "permissions");
}
