using Gatehouse.Core.Access;

namespace Gatehouse.Core.Management;

/// <summary>A custom role to delete; its grants give nothing afterwards.</summary>
/// <param name="RoleKey">The role.</param>
public sealed record DeleteRoleRequest(string RoleKey);

/// <summary>May the actor delete a custom role?</summary>
public static class DeleteRole
{
    /// <summary>Needs what creating it needs: deleting it takes its permissions from everyone holding it.</summary>
    public static Decision Evaluate(CompiledOrganization organization, Actor actor, DeleteRoleRequest request)
    {
        var (acting, refusal) = ActingMember.Resolve(organization, actor);
        if (acting is null)
        {
            return refusal;
        }
        return RoleRules.RequireRoleManagement(acting)
            .Then(() => RoleRules.RequireCustomRole(organization, request.RoleKey))
            .Then(() => RoleRules.RequireExistingWithinOwn(acting, request.RoleKey));
    }
}
