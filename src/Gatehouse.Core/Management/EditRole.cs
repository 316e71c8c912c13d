using Gatehouse.Core.Access;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Management;

/// <summary>A custom role's new name and permissions.</summary>
/// <param name="RoleKey">The role.</param>
/// <param name="Name">New display name.</param>
/// <param name="Permissions">New permission codenames.</param>
public sealed record EditRoleRequest(string RoleKey, string Name, IReadOnlyList<string> Permissions);

/// <summary>May the actor change a custom role?</summary>
public static class EditRole
{
    /// <summary>
    /// Like creating, and the role as it is must be within the actor's own too: editing it changes the access
    /// of everyone holding it, which would otherwise let a lesser admin strip a greater one's role.
    /// </summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, EditRoleRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        return RoleRules.RequireRoleManagement(acting)
            .Then(() => RoleRules.RequireCustomRole(organization, request.RoleKey))
            .Then(() => RoleRules.ValidatePermissions(organization, request.Permissions))
            .Then(() => RoleRules.RequireFreeName(organization, request.Name, exceptKey: request.RoleKey))
            .Then(() => RoleRules.RequireExistingWithinOwn(acting, request.RoleKey))
            .Then(() => RoleRules.RequireWithinOwn(acting, request.Name.Trim(), organization.Model.Catalog.SetOf(request.Permissions)));
    }
}
