using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Roles;

/// <summary>Which custom role to delete.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Role">The role's id or key.</param>
public sealed record DeleteRoleCommand(Guid OrganizationId, string Role);

/// <summary>Deletes a custom role that no member and no pending invitation holds.</summary>
public sealed class DeleteRoleHandler(OrganizationWork work)
{
    /// <summary>The deleted role's id, or why it was not deleted.</summary>
    public Task<Result<Guid>> HandleAsync(Actor actor, Origin origin, DeleteRoleCommand command, CancellationToken cancellationToken = default) =>
        work.RunAsync(actor, origin, command.OrganizationId, write => DeleteAsync(write, command), cancellationToken);

    private static async Task<Result<Guid>> DeleteAsync(WriteContext write, DeleteRoleCommand command)
    {
        var (entity, key) = await RoleLookup.ResolveAsync(write, command.Role);
        if (key is null)
        {
            return RoleLookup.NotFound(command.Role);
        }
        var decision = DeleteRole.Evaluate(write.Compiled, write.Policy, new DeleteRoleRequest(key));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (entity is null)
        {
            return RoleLookup.NotFound(command.Role);
        }
        // Deleting a held role would silently take its permissions from people; the admin moves them first.
        var organizationId = command.OrganizationId;
        var holders = await write.Db.Grants.Where(g => g.OrganizationId == organizationId && g.RoleKey == key).Select(g => g.MemberId).Distinct().CountAsync();
        var pending = (await write.Db.Invitations.Where(i => i.OrganizationId == organizationId && i.Status == InvitationStatus.Pending).ToListAsync())
            .Count(i => i.Grants.Any(g => g.RoleKey == key));
        if (holders > 0 || pending > 0)
        {
            return Failure.Conflict(RoleCodes.InUse,
                $"'{entity.Name}' is held by {holders} member{(holders == 1 ? "" : "s")} and offered by {pending} pending invitation{(pending == 1 ? "" : "s")}. Give them another role or revoke those invitations first.");
        }
        write.Db.Roles.Remove(entity);
        write.MarkAccessChanged();
        write.Audit(AuditActions.RoleDeleted, "role", entity.Id, RoleViews.AuditView(entity), null);
        return entity.Id;
    }
}
