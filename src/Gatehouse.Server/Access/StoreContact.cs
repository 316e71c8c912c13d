using Gatehouse.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Access;

/// <summary>
/// When this node last knew its caches were in step with the database. With PostgreSQL that is the access-change
/// listener's word: while its connection answers, every change made on any node reaches this node's caches; once it
/// is lost (the database is down, or out of reach from here), other nodes may still be writing. Loaded organizations
/// and known API keys keep answering access checks for <see cref="GatehouseOptions.StaleCheckLimit"/> after that, then
/// they are read again, which answers 503 while the database is out of reach. SQLite has one node: nothing else
/// writes, so what is loaded stays current.
/// </summary>
public sealed class StoreContact(IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly bool _postgres = options.Value.IsPostgres;
    private readonly TimeSpan _limit = options.Value.StaleCheckLimit;
    private long _lastHeard = time.GetTimestamp();

    /// <summary>The listener has just heard from the database (connected, a notification, an answered ping).</summary>
    public void Heard() => Interlocked.Exchange(ref _lastHeard, time.GetTimestamp());

    /// <summary>How long ago the listener last heard from the database.</summary>
    public TimeSpan SinceHeard => time.GetElapsedTime(Interlocked.Read(ref _lastHeard));

    /// <summary>True while what this node loaded may still answer checks.</summary>
    public bool IsCurrent => !_postgres || SinceHeard <= _limit;
}
