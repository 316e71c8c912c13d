using System.Net.Sockets;
using Gatehouse.Server.Api;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Tells a database that cannot be reached (down, restarting, unreachable, out of connections, a locked or missing
/// SQLite file) from a bug, in one place: such a request answers 503 <c>store_unavailable</c> with Retry-After, not 500.
/// </summary>
public static class StoreOutage
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>True when the exception, or one it wraps (EF Core wraps the provider's), says the store is out of reach.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsOutage(postgres.SqlState);
                // Npgsql marks as transient what failed on the way to the server: connecting, reading, writing, timing out.
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteIoError or SqliteCannotOpen }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The problem answered while the store is out of reach; sets Retry-After.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails Problem(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Details(StatusCodes.Status503ServiceUnavailable, StoreProblemCodes.Unavailable,
            "Gatehouse cannot reach its database right now, so it cannot answer this request. Try again in a few seconds; if it lasts, tell the operators.");
    }

    // Class 08: connection exception; 57P01–57P03: the server is shutting down, crashed or is starting; 53300: too many connections.
    private static bool IsOutage(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    private const int SqliteBusy = 5;
    private const int SqliteIoError = 10;
    private const int SqliteCannotOpen = 14;
}
