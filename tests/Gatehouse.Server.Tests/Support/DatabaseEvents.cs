using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Server.Tests.Support;

/// <summary>
/// What one server's database contexts report through EF Core's <see cref="DiagnosticListener"/>: the events a recorder
/// <see cref="Wants"/>, from contexts on <paramref name="connectionString"/> only (one test server's own database).
/// </summary>
internal abstract class DatabaseEvents(string connectionString) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    // The server adds its defaults to a PostgreSQL connection string (automatic preparation), so its contexts carry that one.
    private readonly string _served = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        ? Gatehouse.Server.Hosting.PostgresConnectionDefaults.Apply(connectionString)
        : connectionString;

    /// <summary>Starts listening; events before this are not seen.</summary>
    protected void Listen() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Whether the event named <paramref name="name"/> is recorded (asked before the context's database is).</summary>
    protected abstract bool Wants(string name);

    /// <summary>An event the recorder wants, from a context on the recorded database.</summary>
    protected abstract void Record(string name, DbContextEventData data);

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
        if (Wants(value.Key) && value.Value is DbContextEventData { Context: { } context } data && IsOurs(context))
        {
            Record(value.Key, data);
        }
    }

    /// <summary>True for a context on the recorded database; an observer must never throw into EF Core, so a disposed one is not.</summary>
    private bool IsOurs(DbContext context)
    {
        try
        {
            return context.Database.GetConnectionString() is { } used && (used == connectionString || used == _served);
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
