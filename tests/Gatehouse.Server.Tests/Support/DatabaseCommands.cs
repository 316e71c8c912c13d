using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// Records the text of every command one server's database contexts execute (on <paramref name="connectionString"/>), in a
/// transaction or not, from EF Core's <see cref="DiagnosticListener"/>: to show what a request reads from the database.
/// </summary>
internal sealed class DatabaseCommands(string connectionString) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Every command executed since <see cref="Start"/>, in order.</summary>
    public ConcurrentQueue<string> Executed { get; } = new();

    public static DatabaseCommands Start(string connectionString)
    {
        var recorder = new DatabaseCommands(connectionString);
        recorder._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(recorder));
        return recorder;
    }

    /// <summary>The commands that name <paramref name="table"/>.</summary>
    public IReadOnlyList<string> Naming(string table) => [.. Executed.Where(c => c.Contains(table, StringComparison.OrdinalIgnoreCase))];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData { Context: { } context } executed && IsOurs(context))
        {
            Executed.Enqueue(executed.Command.CommandText);
        }
    }

    /// <summary>True for a context on the recorded database; an observer must never throw into EF Core, so a disposed one is not.</summary>
    private bool IsOurs(DbContext context)
    {
        try
        {
            return context.Database.GetConnectionString() == connectionString;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
