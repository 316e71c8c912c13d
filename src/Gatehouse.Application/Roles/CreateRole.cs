using Gatehouse.Application.Input;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;
using Gatehouse.Data;

namespace Gatehouse.Application.Roles;

/// <summary>A custom role to create.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Name">The role's name (1 to 200 characters).</param>
/// <param name="Permissions">The permission codes it grants (at most 500).</param>
public sealed record CreateRoleCommand(Guid OrganizationId, string? Name, IReadOnlyList<string>? Permissions);

/// <summary>
/// Creates a custom role where the access model allows them; the actor needs <c>roles.manage</c> on the organization
/// and every permission of the role.
/// </summary>
public sealed class CreateRoleHandler(OrganizationWork work, OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The new role as the actor sees it, or why it was not created.</summary>
    public async Task<Result<RoleDto>> HandleAsync(Actor actor, Origin origin, CreateRoleCommand command, CancellationToken cancellationToken = default)
    {
        if ((InputRules.Name(command.Name, "name") ?? RoleLookup.CheckPermissions(command.Permissions)) is { } invalid)
        {
            return invalid;
        }
        var (name, permissions) = (command.Name!.Trim(), command.Permissions!);
        var created = await work.RunAsync(actor, origin, command.OrganizationId, write =>
        {
            var decision = CreateRole.Evaluate(write.Compiled, write.Policy, new CreateRoleRequest(name, permissions));
            if (!decision.IsAllowed)
            {
                return Task.FromResult(Result<Guid>.Fail(Failure.From(decision)));
            }
            var role = new Role(Guid.CreateVersion7(write.Now), command.OrganizationId, RoleKind.Custom, name, permissions);
            write.Db.Roles.Add(role);
            write.MarkAccessChanged();
            write.Audit(AuditActions.RoleCreated, "role", role.Id, null, RoleViews.AuditView(role));
            return Task.FromResult(Result<Guid>.Ok(role.Id));
        }, cancellationToken);
        return created.Succeeded
            ? await RoleLookup.ViewAfterChangeAsync(reads, db, actor, command.OrganizationId, created.Value, cancellationToken)
            : created.Failure;
    }
}
