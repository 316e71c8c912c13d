using Gatehouse.AspNetCore.Access;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>The bounded, short-lived cache of Gatehouse's answers.</summary>
public sealed class AnswerCacheTests
{
    private static AnswerKey Key(int n) => new(Guid.Empty, Guid.Empty, "documents.view", new Guid(n, 0, 0, new byte[8]));

    [Fact]
    public void Cache_NeverHoldsMoreThanItsSize_AndTheLeastRecentlyUsedLeaveFirst()
    {
        var cache = new AnswerCache(TimeSpan.FromMinutes(1), capacity: 3, new ManualClock());
        cache.Set(Key(1), true);
        cache.Set(Key(2), false);
        cache.Set(Key(3), true);
        Assert.True(cache.TryGet(Key(1), out _));

        for (var n = 4; n <= 100; n++)
        {
            cache.Set(Key(n), true);
            Assert.True(cache.Count <= 3, $"{cache.Count} answers kept after {n}");
        }
        Assert.False(cache.TryGet(Key(1), out _));
        Assert.True(cache.TryGet(Key(100), out var allowed) && allowed);
    }

    [Fact]
    public void Answer_IsForgottenAfterCacheFor_AndZeroKeepsNothing()
    {
        var clock = new ManualClock();
        var cache = new AnswerCache(TimeSpan.FromSeconds(5), capacity: 10, clock);
        cache.Set(Key(1), true);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(cache.TryGet(Key(1), out var allowed) && allowed);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet(Key(1), out _));
        Assert.Equal(0, cache.Count);

        var none = new AnswerCache(TimeSpan.Zero, capacity: 10, clock);
        none.Set(Key(1), true);
        Assert.False(none.TryGet(Key(1), out _));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
