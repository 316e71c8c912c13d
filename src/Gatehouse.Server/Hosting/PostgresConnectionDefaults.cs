using System.Data.Common;
using Npgsql;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// What the server adds to a PostgreSQL connection string unless the operator set it: automatic statement preparation.
/// Without it every statement is parsed and planned again on each execution, which profiling showed to be the larger
/// half of PostgreSQL's CPU per write (docs/benchmarks.md). Prepared statements live on the physical connection and
/// survive its return to the pool; Npgsql prepares a statement once it ran <see cref="AutoPrepareMinUsages"/> times
/// there and keeps the <see cref="MaxAutoPrepare"/> most recently used.
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>Statements kept prepared per physical connection (Npgsql's <c>Max Auto Prepare</c>).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>Runs on one connection before a statement is prepared (Npgsql's <c>Auto Prepare Min Usages</c>).</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>The connection string with the defaults added where the operator's string does not name them.</summary>
    public static string Apply(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(Normalized).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains(Normalized(nameof(builder.MaxAutoPrepare))))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }
        if (!named.Contains(Normalized(nameof(builder.AutoPrepareMinUsages))))
        {
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }
        return builder.ConnectionString;
    }

    // "Max Auto Prepare" and "MaxAutoPrepare" are the same keyword to Npgsql, in any case.
    private static string Normalized(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
