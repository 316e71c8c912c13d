using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Which failures the server takes for a database out of reach (503 store_unavailable) and which for a bug (500), with exceptions the drivers really throw.</summary>
public sealed class StoreOutageClassificationTests
{
    [Fact]
    public async Task PostgresNotListening_IsAnOutage_AlsoWrappedByEfCore()
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={MailServer.FreePort()};Username=postgres;Database=postgres;Timeout=2");
        var refused = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.True(StoreOutage.Is(refused));
        Assert.True(StoreOutage.Is(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused)));
        Assert.True(StoreOutage.Is(new DbUpdateException("An error occurred while saving the entity changes.", refused)));
    }

    [Fact]
    public async Task PostgresShuttingDown_IsAnOutage_ButAConstraintOrASyntaxErrorIsNot()
    {
        Assert.True(StoreOutage.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)));
        Assert.True(StoreOutage.Is(new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow)));
        Assert.False(StoreOutage.Is(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(StoreOutage.Is(new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure)));

        await using var connection = new NpgsqlConnection(GatehouseApp.PostgresServer);
        await connection.OpenAsync();
        await using var bad = new NpgsqlCommand("SELEC 1", connection);
        Assert.False(StoreOutage.Is(await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteScalarAsync())));
    }

    [Fact]
    public void SqliteFileThatCannotBeOpened_OrIsBusy_IsAnOutage_ButAConstraintIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("gatehouse-sqlite-").FullName;
        try
        {
            using var missing = new SqliteConnection($"Data Source={Path.Combine(folder, "absent", "gatehouse.db")};Mode=ReadOnly");
            Assert.True(StoreOutage.Is(Assert.Throws<SqliteException>(missing.Open)));

            var file = $"Data Source={Path.Combine(folder, "gatehouse.db")};Pooling=False;Default Timeout=1";
            using var holder = new SqliteConnection(file);
            holder.Open();
            Execute(holder, "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1); BEGIN EXCLUSIVE; INSERT INTO t VALUES (2);");
            using var other = new SqliteConnection(file);
            other.Open();
            Assert.True(StoreOutage.Is(Assert.Throws<SqliteException>(() => Execute(other, "INSERT INTO t VALUES (3)"))));
            Assert.False(StoreOutage.Is(Assert.Throws<SqliteException>(() => Execute(holder, "INSERT INTO t VALUES (1)"))));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnyOtherError_IsNotAnOutage() =>
        Assert.False(StoreOutage.Is(new InvalidOperationException("Sequence contains no elements")));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
