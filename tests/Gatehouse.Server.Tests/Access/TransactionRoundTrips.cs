using System.Collections.Concurrent;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// Records, for every transaction one server's database contexts commit, the round trips inside it: each command and
/// each savepoint created or released. Only contexts on <paramref name="connectionString"/> (one test server's own
/// database) count (<see cref="DatabaseEvents"/>).
/// </summary>
internal sealed class TransactionRoundTrips(string connectionString) : DatabaseEvents(connectionString)
{
    private readonly ConcurrentDictionary<DbContext, List<string>> _open = new();

    /// <summary>The committed transactions, each as the round trips made in it (a command's text, or "savepoint").</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Committed { get; } = new();

    public static TransactionRoundTrips Start(string connectionString)
    {
        var recorder = new TransactionRoundTrips(connectionString);
        recorder.Listen();
        return recorder;
    }

    protected override bool Wants(string name) => Counted.Contains(name);

    protected override void Record(string name, DbContextEventData data)
    {
        var context = data.Context!;
        if (name == RelationalEventId.TransactionStarted.Name)
        {
            _open[context] = [];
        }
        else if (name == RelationalEventId.TransactionCommitted.Name && _open.TryRemove(context, out var done))
        {
            Committed.Enqueue(done);
        }
        else if (name == RelationalEventId.TransactionRolledBack.Name)
        {
            _open.TryRemove(context, out _);
        }
        else if (_open.TryGetValue(context, out var trips))
        {
            if (name == RelationalEventId.CommandExecuted.Name && data is CommandExecutedEventData executed)
            {
                trips.Add(executed.Command.CommandText);
            }
            else if (name == RelationalEventId.CreatedTransactionSavepoint.Name || name == RelationalEventId.ReleasedTransactionSavepoint.Name)
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
}
