using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Data;

/// <summary>One versioned schema change: a hand-written SQL script per store.</summary>
/// <param name="Version">Its number; applied in ascending order.</param>
/// <param name="Name">What it does, from the file name.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>The script's file name without its folder, e.g. <c>0003_invitee_details.sql</c>.</summary>
    public string FileName => $"{Version:D4}_{Name}.sql";

    /// <summary>
    /// Hex SHA-256 of the script with line endings as <c>\n</c>, so a checkout that turns them into <c>\r\n</c> is the same
    /// script while any other change is not.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// A script this database has applied no longer reads as it did then: someone edited a released migration. The
/// database may not match what the script now says, so nothing runs until the script is restored.
/// </summary>
public sealed class AppliedMigrationChangedException(string store, Migration migration, string recordedChecksum) : InvalidOperationException(
    $"The migration {store}/{migration.FileName} was changed after this database applied it (recorded checksum {recordedChecksum}, the script now has " +
    $"{migration.Checksum}). Restore the script as it was released and put the change in a new migration; the database was left as it is.")
{
    /// <summary>The changed script.</summary>
    public Migration Migration { get; } = migration;
}

/// <summary>
/// Applies the scripts under <c>Migrations/{sqlite,postgres}</c> that a database has not seen yet and
/// records each in <c>gatehouse_schema_history</c> with its checksum. EF Core's design tools are not available here,
/// so the scripts are written by hand. On PostgreSQL the run holds an advisory lock, so when several nodes start
/// at once exactly one migrates and the others wait and then find nothing left to do.
/// Before applying anything the run checks that every script the database has applied still has the checksum
/// recorded then (rows written before checksums existed get the current script's), and refuses with
/// <see cref="AppliedMigrationChangedException"/> if one changed.
/// </summary>
public static class DatabaseMigrator
{
    private const string ResourcePrefix = "Gatehouse.Migrations.";
    private const long AdvisoryLockKey = 0x6761_7465_686F_7573; // "gatehous"

    /// <summary>The migrations for a store, in order.</summary>
    public static IReadOnlyList<Migration> For(bool postgres)
    {
        var folder = postgres ? "postgres" : "sqlite";
        var assembly = typeof(DatabaseMigrator).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var path = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || path[..slash] != folder)
            {
                continue;
            }
            var file = Path.GetFileNameWithoutExtension(path[(slash + 1)..]);
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            list.Add(new Migration(int.Parse(file[..underscore], System.Globalization.CultureInfo.InvariantCulture), file[(underscore + 1)..], Read(assembly, resource)));
        }
        return [.. list.OrderBy(m => m.Version)];
    }

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion(bool postgres) => For(postgres)[^1].Version;

    /// <summary>Brings the database up to <paramref name="targetVersion"/> (default: the latest); returns the versions applied.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(GatehouseDb db, int? targetVersion = null, CancellationToken cancellationToken = default) =>
        MigrateAsync(db, For(db.IsPostgres), targetVersion, cancellationToken);

    /// <summary>Brings the database up to <paramref name="targetVersion"/> with the given scripts (tests pass edited ones); returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(GatehouseDb db, IReadOnlyList<Migration> migrations, int? targetVersion = null,
        CancellationToken cancellationToken = default)
    {
        var postgres = db.IsPostgres;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            try
            {
                await ExecuteAsync(connection, null, """
                    CREATE TABLE IF NOT EXISTS gatehouse_schema_history (
                        version INTEGER NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TEXT NOT NULL,
                        checksum TEXT NULL
                    )
                    """, cancellationToken);
                await MigrationHistory.VerifyAsync(connection, postgres, migrations, cancellationToken);
                var applied = new List<int>();
                foreach (var migration in migrations.Where(m => targetVersion is null || m.Version <= targetVersion))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
                    {
                        continue;
                    }
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                    await using (var record = connection.CreateCommand())
                    {
                        record.Transaction = transaction;
                        record.CommandText = "INSERT INTO gatehouse_schema_history (version, name, applied_at, checksum) VALUES (@v, @n, @a, @c)";
                        AddParameter(record, "@v", migration.Version);
                        AddParameter(record, "@n", migration.Name);
                        AddParameter(record, "@a", DateTimeOffset.UtcNow.ToString("O"));
                        AddParameter(record, "@c", migration.Checksum);
                        await record.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    applied.Add(migration.Version);
                }
                return applied;
            }
            finally
            {
                if (postgres)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The versions recorded as applied.</summary>
    public static async Task<IReadOnlyList<int>> AppliedVersionsAsync(GatehouseDb db, CancellationToken cancellationToken = default) =>
        await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM gatehouse_schema_history ORDER BY version").ToListAsync(cancellationToken);

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM gatehouse_schema_history WHERE version = @v";
        AddParameter(command, "@v", version);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
