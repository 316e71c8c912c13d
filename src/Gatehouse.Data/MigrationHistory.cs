using System.Data.Common;
using System.Globalization;

namespace Gatehouse.Data;

/// <summary>
/// The checksums in <c>gatehouse_schema_history</c>: the column is added to databases migrated before it existed,
/// rows without a checksum get their script's current one (nothing better is known about them), and a script whose
/// checksum differs from the recorded one stops the run before anything is applied.
/// </summary>
internal static class MigrationHistory
{
    /// <summary>Checks every applied script this build knows against its recorded checksum, backfilling missing ones.</summary>
    public static async Task VerifyAsync(DbConnection connection, bool postgres, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await AddChecksumColumnAsync(connection, postgres, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = new List<(int Version, string? Checksum)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version, checksum FROM gatehouse_schema_history ORDER BY version";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        foreach (var (version, checksum) in recorded)
        {
            // A version this build does not know was applied by a newer build; its script is not here to compare.
            if (migrations.FirstOrDefault(m => m.Version == version) is not { } migration)
            {
                continue;
            }
            if (checksum is null)
            {
                await using var backfill = connection.CreateCommand();
                backfill.Transaction = transaction;
                backfill.CommandText = "UPDATE gatehouse_schema_history SET checksum = @c WHERE version = @v AND checksum IS NULL";
                DatabaseMigrator.AddParameter(backfill, "@c", migration.Checksum);
                DatabaseMigrator.AddParameter(backfill, "@v", version);
                await backfill.ExecuteNonQueryAsync(cancellationToken);
            }
            else if (!string.Equals(checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new AppliedMigrationChangedException(postgres ? "postgres" : "sqlite", migration, checksum);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Databases migrated before checksums were recorded have the history table without the column.</summary>
    private static async Task AddChecksumColumnAsync(DbConnection connection, bool postgres, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = postgres
            ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'gatehouse_schema_history' AND column_name = 'checksum'"
            : "SELECT COUNT(*) FROM pragma_table_info('gatehouse_schema_history') WHERE name = 'checksum'";
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            await DatabaseMigrator.ExecuteAsync(connection, null, "ALTER TABLE gatehouse_schema_history ADD COLUMN checksum TEXT NULL", cancellationToken);
        }
    }
}
