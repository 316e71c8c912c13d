using Gatehouse.Data;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Schema;

/// <summary>
/// The hand-written migrations make the schema production runs on; the EF model is what the code believes it is.
/// Both are built from scratch on each store and their catalogs compared, so neither can drift from the other.
/// Column defaults are not compared: the scripts need them to fill existing rows when they add a NOT NULL column,
/// while the application writes every column itself.
/// </summary>
public sealed class SchemaParityTests
{
    /// <summary>The migration runner's own bookkeeping, which the model does not map.</summary>
    private static readonly HashSet<string> IgnoredTables = ["gatehouse_schema_history"];

    /// <summary>
    /// What only the migrations make, on purpose. Migration 0004 adds the trigram search indexes only where the
    /// pg_trgm and btree_gin extensions may be created; the model leaves them out so that it does not require them.
    /// </summary>
    private static readonly HashSet<string> OnlyInMigrations = ["index members.ix_members_sort_name_trgm", "index members.ix_members_email_trgm"];

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DatabaseFromMigrations_AndDatabaseFromModel_HaveTheSameSchema(string store)
    {
        await using var migrated = await TestDatabase.CreateAsync(store);
        await using var created = await TestDatabase.CreateAsync(store);
        await using (var db = migrated.Open())
        {
            await DatabaseMigrator.MigrateAsync(db);
        }
        await using (var db = created.Open())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var fromMigrations = (await ReadAsync(migrated)).Where(f => !OnlyInMigrations.Contains(f.Subject)).ToList();
        var fromModel = await ReadAsync(created);

        // The readers see the schema at all: a reader that found nothing would find no difference either.
        Assert.Contains(new SchemaFact("table members", "exists"), fromMigrations);
        Assert.Contains(fromMigrations, f => f.Subject == "index members.ix_members_full_access");
        Assert.Contains(fromMigrations, f => f.Subject.StartsWith("foreign key grants", StringComparison.Ordinal));
        var differences = SchemaFact.Differences(fromMigrations, fromModel);
        Assert.True(differences.Count == 0,
            $"The database the migrations make and the one the EF model makes differ on {store} in {differences.Count} place(s). Fix the EF configuration "
            + "(src/Gatehouse.Data/Configurations) or add a migration pair; never edit an applied migration.\n" + string.Join('\n', differences));
    }

    private static async Task<IReadOnlyList<SchemaFact>> ReadAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return database.IsPostgres
            ? await PostgresCatalog.ReadAsync(connection, IgnoredTables)
            : await SqliteCatalog.ReadAsync(connection, IgnoredTables);
    }
}
