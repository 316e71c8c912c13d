using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// Records the text of every command one server's database contexts execute (on <paramref name="connectionString"/>), in a
/// transaction or not: to show what a request reads from the database.
/// </summary>
internal sealed class DatabaseCommands(string connectionString) : DatabaseEvents(connectionString)
{
    /// <summary>Every command executed since <see cref="Start"/>, in order.</summary>
    public ConcurrentQueue<string> Executed { get; } = new();

    public static DatabaseCommands Start(string connectionString)
    {
        var recorder = new DatabaseCommands(connectionString);
        recorder.Listen();
        return recorder;
    }

    /// <summary>The commands that name <paramref name="table"/>.</summary>
    public IReadOnlyList<string> Naming(string table) => [.. Executed.Where(c => c.Contains(table, StringComparison.OrdinalIgnoreCase))];

    protected override bool Wants(string name) => name == RelationalEventId.CommandExecuted.Name;

    protected override void Record(string name, DbContextEventData data)
    {
        if (data is CommandExecutedEventData executed)
        {
            Executed.Enqueue(executed.Command.CommandText);
        }
    }
}
