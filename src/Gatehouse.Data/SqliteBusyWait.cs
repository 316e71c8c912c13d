using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Data;

/// <summary>
/// Makes SQLite itself wait for a busy database (<c>sqlite3_busy_timeout</c>) on every connection EF Core opens.
/// Without it Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms and trying again, so when two requests
/// write at once the second waits 150 ms for a lock that is usually free within a millisecond; with SQLite's own
/// handler it takes the lock soon after it is released. The wait is bounded by the connection's default command
/// timeout, as the library's own retries are, after which the request fails as a store outage.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    /// <summary>The one instance every context shares: it holds no state.</summary>
    public static readonly SqliteBusyWait Instance = new();

    private SqliteBusyWait()
    {
    }

    /// <inheritdoc/>
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Wait(connection);

    /// <inheritdoc/>
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wait(connection);
        return Task.CompletedTask;
    }

    private static void Wait(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            // A native call on the open handle: no statement is prepared or run.
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
