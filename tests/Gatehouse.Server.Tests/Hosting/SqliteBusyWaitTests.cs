using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// On SQLite every connection the server opens waits inside SQLite for a busy database (<c>sqlite3_busy_timeout</c>),
/// so a write that meets another write takes the lock as soon as it is free, not after Microsoft.Data.Sqlite's
/// 150 ms sleep (docs/benchmarks.md, OpenID Connect: refresh).
/// </summary>
public sealed class SqliteBusyWaitTests(ServerPool servers)
{
    [Fact]
    public async Task Every_connection_waits_for_a_busy_database_as_long_as_its_command_timeout()
    {
        var app = await servers.GetAsync("sqlite");

        var (waits, timeout) = await app.InDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            var value = Convert.ToInt32(await command.ExecuteScalarAsync());
            return (value, connection.DefaultTimeout);
        });

        Assert.Equal(timeout * 1000, waits);
        Assert.True(waits > 0);
    }

    [Fact]
    public async Task A_write_that_meets_another_writer_completes_once_the_lock_is_released()
    {
        var app = await servers.GetAsync("sqlite");
        var organization = await app.CreateOrganizationAsync("Busy writer");

        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var rename = app.Operator.PatchAsync($"/api/v1/organizations/{organization}",
            System.Net.Http.Json.JsonContent.Create(new { name = "Renamed while busy" }));
        await Task.Delay(200);
        Assert.False(rename.IsCompleted, "The rename finished while another connection held the write lock.");
        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        (await rename).EnsureSuccessStatusCode();
        var name = await app.InDatabaseAsync(db => db.Organizations.Where(o => o.Id == organization).Select(o => o.Name).SingleAsync());
        Assert.Equal("Renamed while busy", name);
    }
}
