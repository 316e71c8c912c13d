using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Lists the actor's own API keys, oldest first (revoked ones too, marked as such).</summary>
public sealed class ListApiKeysHandler(GatehouseDb db)
{
    /// <summary>The actor's keys.</summary>
    public async Task<Result<List<ApiKeyDto>>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == actor.UserId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return rows.Select(k => new ApiKeyDto(k.Id, k.Name, k.Hint, k.UserId, k.OrganizationId, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList();
    }
}
