namespace Gatehouse.Application.Access;

/// <summary>
/// When this node last knew its caches were in step with the database. With PostgreSQL that is the access-change
/// listener's word: while its connection answers, every change made on any node reaches this node's caches; once it
/// is lost (the database is down, or out of reach from here), other nodes may still be writing. Loaded organizations
/// and known API keys keep answering access checks for the stale-check limit (<c>Gatehouse:StaleCheckLimit</c>) after that, then
/// they are read again, which answers 503 while the database is out of reach. SQLite has one node: nothing else
/// writes, so what is loaded stays current.
/// </summary>
/// <param name="isPostgres">The store is PostgreSQL (several nodes may write).</param>
/// <param name="staleCheckLimit">How long loaded access keeps answering after the listener last heard from the database.</param>
/// <param name="time">The clock.</param>
public sealed class StoreContact(bool isPostgres, TimeSpan staleCheckLimit, TimeProvider time)
{
    private readonly bool _postgres = isPostgres;
    private readonly TimeSpan _limit = staleCheckLimit;
    private long _lastHeard = time.GetTimestamp();

    /// <summary>The listener has just heard from the database (connected, a notification, an answered ping).</summary>
    public void Heard() => Interlocked.Exchange(ref _lastHeard, time.GetTimestamp());

    /// <summary>How long ago the listener last heard from the database.</summary>
    public TimeSpan SinceHeard => time.GetElapsedTime(Interlocked.Read(ref _lastHeard));

    /// <summary>True while what this node loaded may still answer checks.</summary>
    public bool IsCurrent => !_postgres || SinceHeard <= _limit;
}
