using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

/// <summary>How a write tells every node sharing one PostgreSQL that access in an organization changed (SQLite has one node).</summary>
public static class AccessNotifications
{
    /// <summary>The channel that names organizations whose access changed.</summary>
    public const string Channel = "gatehouse_access";

    /// <summary>
    /// Tells every node that access in an organization changed and its new access version (<c>{id}:{version}</c>),
    /// so the node that made the change and already holds that version keeps it; inside a transaction it is
    /// delivered on commit.
    /// </summary>
    public static async Task NotifyAccessChangedAsync(GatehouseDb db, Guid organizationId, long version, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {$"{organizationId}:{version}"})", cancellationToken);
        }
    }

    /// <summary>The suffix of a notification that an organization was renamed (<c>{id}:renamed</c>): only its name is forgotten.</summary>
    public const string RenamedSuffix = ":renamed";

    /// <summary>Tells every node that an organization was renamed, so they forget its name (<see cref="Organizations.OrganizationNames"/>); delivered on commit.</summary>
    public static async Task NotifyRenamedAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {organizationId + RenamedSuffix})", cancellationToken);
        }
    }
}
