using System.Data.Common;
using Gatehouse.Data;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Schema;

/// <summary>The checksums the migration runner records per applied script, and its refusal when an applied script changed.</summary>
public sealed class MigrationHistoryTests
{
    /// <summary>The newest version the runner applied before it recorded checksums.</summary>
    private const int LastVersionWithoutChecksums = 7;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Migrating_RecordsEachScriptsChecksum(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var db = database.Open();

        await DatabaseMigrator.MigrateAsync(db);

        var scripts = DatabaseMigrator.For(database.IsPostgres);
        Assert.Equal(scripts.Select(m => (m.Version, (string?)m.Checksum)), await HistoryAsync(db));
        Assert.All(scripts, m => Assert.Matches("^[0-9a-f]{64}$", m.Checksum));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DatabaseMigratedByTheRunnerWithoutChecksums_GetsThemBackfilled_AndOnlyNewerScriptsApplied(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var db = database.Open();
        var scripts = DatabaseMigrator.For(database.IsPostgres);
        await MigrateLikeTheRunnerWithoutChecksumsAsync(db, scripts.Where(m => m.Version <= LastVersionWithoutChecksums));
        Assert.Equal(scripts.Where(m => m.Version <= LastVersionWithoutChecksums).Select(m => m.Version), await DatabaseMigrator.AppliedVersionsAsync(db));

        var applied = await DatabaseMigrator.MigrateAsync(db);

        Assert.Equal(scripts.Where(m => m.Version > LastVersionWithoutChecksums).Select(m => m.Version), applied);
        Assert.Equal(scripts.Select(m => (m.Version, (string?)m.Checksum)), await HistoryAsync(db));
        Assert.Empty(await DatabaseMigrator.MigrateAsync(db));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AppliedScriptChanged_MigratingIsRefused_NamingTheScript_AndNothingRuns(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var db = database.Open();
        await DatabaseMigrator.MigrateAsync(db);
        var scripts = DatabaseMigrator.For(database.IsPostgres);
        // A checkout with Windows line endings holds the same scripts.
        Assert.Empty(await DatabaseMigrator.MigrateAsync(db, [.. scripts.Select(m => m with { Sql = m.Sql.ReplaceLineEndings("\r\n") })]));

        List<Migration> edited =
        [
            .. scripts.Select(m => m.Version == 3 ? m with { Sql = m.Sql + "\nALTER TABLE invitations ADD COLUMN nickname TEXT NULL;\n" } : m),
            new(999, "later", "CREATE TABLE later_table (id INTEGER NOT NULL PRIMARY KEY);"),
        ];
        var refused = await Assert.ThrowsAsync<AppliedMigrationChangedException>(() => DatabaseMigrator.MigrateAsync(db, edited));

        Assert.Equal(3, refused.Migration.Version);
        Assert.Contains($"{store}/0003_invitee_details.sql", refused.Message, StringComparison.Ordinal);
        Assert.Contains("new migration", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(999, await DatabaseMigrator.AppliedVersionsAsync(db));
        Assert.Equal(scripts.Select(m => (m.Version, (string?)m.Checksum)), await HistoryAsync(db));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AppliedScriptChanged_TheServerRefusesToStart_NamingTheScript(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using (var db = database.Open())
        {
            await DatabaseMigrator.MigrateAsync(db);
            // As if 0005 had read differently when this database applied it.
            await db.Database.ExecuteSqlAsync($"UPDATE gatehouse_schema_history SET checksum = {new string('0', 64)} WHERE version = 5");
        }

        await using var app = GatehouseHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", $"--Gatehouse:Database={store}",
            $"--Gatehouse:ConnectionString={database.ConnectionString}"]);
        var refused = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"{store}/0005_accounts.sql", refused.Message, StringComparison.Ordinal);
        Assert.Contains("was changed after this database applied it", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>What the runner did before checksums: the history table without the column, each script and its row.</summary>
    private static async Task MigrateLikeTheRunnerWithoutChecksumsAsync(GatehouseDb db, IEnumerable<Migration> scripts)
    {
        var connection = await OpenAsync(db);
        await ExecuteAsync(connection, "CREATE TABLE gatehouse_schema_history (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var script in scripts)
        {
            await ExecuteAsync(connection, script.Sql);
            await ExecuteAsync(connection, $"INSERT INTO gatehouse_schema_history (version, name, applied_at) VALUES ({script.Version}, '{script.Name}', '2026-06-01T08:00:00.0000000+00:00')");
        }
    }

    private static async Task<List<(int Version, string? Checksum)>> HistoryAsync(GatehouseDb db) =>
        await CatalogQuery.RowsAsync(await OpenAsync(db), "SELECT version, checksum FROM gatehouse_schema_history ORDER BY version",
            r => (Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), r.IsDBNull(1) ? null : r.GetString(1)));

    private static async Task<DbConnection> OpenAsync(GatehouseDb db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
