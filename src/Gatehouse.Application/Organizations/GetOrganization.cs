using Gatehouse.Application.Work;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Organizations;

/// <summary>Which organization to read.</summary>
/// <param name="OrganizationId">The organization.</param>
public sealed record GetOrganizationQuery(Guid OrganizationId);

/// <summary>One organization, for its active members and product support.</summary>
public sealed class GetOrganizationHandler(OrganizationReads reads, GatehouseDb db)
{
    /// <summary>The organization, or why the actor may not read it.</summary>
    public async Task<Result<OrganizationDto>> HandleAsync(Actor actor, GetOrganizationQuery query, CancellationToken cancellationToken = default)
    {
        var open = await reads.OpenAsync(actor, query.OrganizationId, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Failure;
        }
        return await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken) is { } organization
            ? OrganizationDto.Of(organization)
            : OrganizationWork.OrganizationNotFound(query.OrganizationId);
    }
}
