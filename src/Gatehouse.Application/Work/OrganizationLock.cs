using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Work;

/// <summary>
/// The per-organization write lock every change takes inside its transaction: a row lock on PostgreSQL;
/// on SQLite the transaction itself began IMMEDIATE, so the connection already holds the database's write
/// lock. Seat counts, the last-owner rule and member versions are read under it.
/// </summary>
public static class OrganizationLock
{
    /// <summary>The locked organization, or null when it does not exist.</summary>
    public static async Task<Organization?> AcquireAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken) =>
        db.IsPostgres
            ? await db.Organizations.FromSqlInterpolated($"SELECT * FROM organizations WHERE id = {organizationId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            : await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
}
