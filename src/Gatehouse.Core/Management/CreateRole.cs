using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>A custom role (permission group) to create.</summary>
/// <param name="Name">Display name, such as "Store Manager".</param>
/// <param name="Permissions">Permission codenames.</param>
public sealed record CreateRoleRequest(string Name, IReadOnlyList<string> Permissions);

/// <summary>May the actor create a custom role?</summary>
public static class CreateRole
{
    /// <summary>Needs custom roles in the model, <c>roles.manage</c> on the organization and every permission of the role there.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, CreateRoleRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        return RoleRules.RequireRoleManagement(acting)
            .Then(() => RoleRules.ValidatePermissions(organization, request.Permissions))
            .Then(() => RoleRules.RequireFreeName(organization, request.Name, exceptKey: null))
            .Then(() => RoleRules.RequireWithinOwn(acting, request.Name.Trim(), organization.Model.Catalog.SetOf(request.Permissions)));
    }
}
