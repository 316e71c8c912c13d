using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

/// <summary>How a write tells every node sharing one PostgreSQL that access in an organization changed (SQLite has one node).</summary>
public static class AccessNotifications
{
    /// <summary>
    /// The channel that names organizations whose access changed: <c>{id}:{version}</c> with the new access version, so
    /// the node that made the change and already holds that version keeps it. The application does not send these: a
    /// trigger does whenever <c>organizations.access_version</c> moves (PostgreSQL migration 0013), on the save that
    /// moves it, so it costs no round trip while the organization is locked, and it is delivered on commit.
    /// </summary>
    public const string Channel = "gatehouse_access";

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
