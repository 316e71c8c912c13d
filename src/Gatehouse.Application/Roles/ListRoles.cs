using Gatehouse.Application.Work;
using Gatehouse.Core.Roles;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Roles;

/// <summary>Which organization's roles to list.</summary>
/// <param name="OrganizationId">The organization.</param>
public sealed record ListRolesQuery(Guid OrganizationId);

/// <summary>
/// The roles usable in an organization: the access model's system roles in its order, then the organization's custom
/// roles by name, each with how many members hold it and what the actor may do with it. Every member may read them.
/// </summary>
public sealed class ListRolesHandler(OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The roles, or why the actor may not read the organization.</summary>
    public async Task<Result<List<RoleDto>>> HandleAsync(Actor actor, ListRolesQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        var organization = open.Value.Organization;
        var custom = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == query.OrganizationId && r.Kind == RoleKind.Custom).ToListAsync(cancellationToken);
        var holders = RoleViews.HoldersByRole(organization);
        return organization.Model.Roles.Select(r => RoleViews.System(r, organization, holders))
            .Concat(custom.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => RoleViews.Custom(r, organization, open.Value.Policy, holders)))
            .ToList();
    }
}
