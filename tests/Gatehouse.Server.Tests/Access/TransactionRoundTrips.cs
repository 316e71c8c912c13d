using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// Records, for every transaction one server's database contexts commit, the round trips inside it: each command and
/// each savepoint created or released. EF Core reports them through its <see cref="DiagnosticListener"/>; only contexts
/// on <paramref name="connectionString"/> (one test server's own database) count.
/// </summary>
internal sealed class TransactionRoundTrips(string connectionString) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<DbContext, List<string>> _open = new();
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>The committed transactions, each as the round trips made in it (a command's text, or "savepoint").</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Committed { get; } = new();

    public static TransactionRoundTrips Start(string connectionString)
    {
        var recorder = new TransactionRoundTrips(connectionString);
        recorder._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(recorder));
        return recorder;
    }

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
        if (!Counted.Contains(value.Key) || value.Value is not DbContextEventData { Context: { } context } || !IsOurs(context))
        {
            return;
        }
        if (value.Key == RelationalEventId.TransactionStarted.Name)
        {
            _open[context] = [];
        }
        else if (value.Key == RelationalEventId.TransactionCommitted.Name && _open.TryRemove(context, out var done))
        {
            Committed.Enqueue(done);
        }
        else if (value.Key == RelationalEventId.TransactionRolledBack.Name)
        {
            _open.TryRemove(context, out _);
        }
        else if (_open.TryGetValue(context, out var trips))
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                trips.Add(executed.Command.CommandText);
            }
            else if (value.Key == RelationalEventId.CreatedTransactionSavepoint.Name || value.Key == RelationalEventId.ReleasedTransactionSavepoint.Name)
            {
                trips.Add("savepoint");
            }
        }
    }

    private static readonly HashSet<string> Counted =
    [
        RelationalEventId.TransactionStarted.Name!, RelationalEventId.TransactionCommitted.Name!, RelationalEventId.TransactionRolledBack.Name!,
        RelationalEventId.CommandExecuted.Name!, RelationalEventId.CreatedTransactionSavepoint.Name!, RelationalEventId.ReleasedTransactionSavepoint.Name!,
    ];

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
