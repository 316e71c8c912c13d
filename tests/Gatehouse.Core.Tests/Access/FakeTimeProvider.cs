namespace Gatehouse.Core.Tests.Access;

/// <summary>A clock the test sets; lockout checks read it through <see cref="TimeProvider"/>.</summary>
public sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    /// <summary>Counts reads, so a test can see that the hot path leaves the clock alone.</summary>
    public int Reads { get; private set; }

    public override DateTimeOffset GetUtcNow()
    {
        Reads++;
        return Now;
    }
}
