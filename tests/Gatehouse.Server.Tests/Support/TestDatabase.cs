using Gatehouse.Data;
using Gatehouse.Server.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// A fresh empty database of a test's own, without a server: a SQLite file in a temporary folder, or a new database
/// on the shared PostgreSQL server. Disposing drops it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresDatabase;
    private readonly string? _folder;

    private TestDatabase(string store, string connectionString, string? postgresDatabase, string? folder)
    {
        (Store, ConnectionString, _postgresDatabase, _folder) = (store, connectionString, postgresDatabase, folder);
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Store { get; }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => Store == "postgres";

    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string store)
    {
        var (connectionString, database) = await GatehouseApp.FreshDatabaseAsync(store);
        if (connectionString is not null)
        {
            return new TestDatabase(store, connectionString, database, null);
        }
        var folder = Directory.CreateTempSubdirectory("gatehouse-migration-").FullName;
        return new TestDatabase(store, $"Data Source={Path.Combine(folder, "gatehouse.db")}", null, folder);
    }

    /// <summary>A context on this database, configured as the server configures its own.</summary>
    public GatehouseDb Open()
    {
        var options = new DbContextOptionsBuilder<GatehouseDb>();
        GatehouseHost.ConfigureDatabase(options, new GatehouseOptions { Database = Store, ConnectionString = ConnectionString });
        return new GatehouseDb(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await using var connection = new NpgsqlConnection(GatehouseApp.PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        if (_folder is not null)
        {
            await using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }
            Directory.Delete(_folder, recursive: true);
        }
    }
}
