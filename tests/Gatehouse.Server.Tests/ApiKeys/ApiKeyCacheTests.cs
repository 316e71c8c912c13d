using Gatehouse.Server.Auth;

namespace Gatehouse.Server.Tests.ApiKeys;

/// <summary>The in-memory key cache never brings back a key that was forgotten while it was being looked up.</summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Remember_AfterAForgetDuringTheLookup_DoesNotRemember()
    {
        var cache = new ApiKeyCache();
        var caller = new Caller(Guid.NewGuid(), "Ann", false, null, Guid.NewGuid());
        var before = cache.Generation;

        cache.Forget(c => c.ApiKeyId == caller.ApiKeyId); // the revocation commits while the lookup runs
        cache.Remember("hash", caller, Now, before);

        Assert.False(cache.TryGet("hash", Now, out _));
    }

    [Fact]
    public void Remember_WithoutAForget_Remembers_UntilItsLifetimeEnds()
    {
        var cache = new ApiKeyCache();
        var caller = new Caller(Guid.NewGuid(), "Ann", false, null, Guid.NewGuid());

        cache.Remember("hash", caller, Now, cache.Generation);

        Assert.True(cache.TryGet("hash", Now.AddSeconds(29), out var remembered));
        Assert.Equal(caller, remembered);
        Assert.False(cache.TryGet("hash", Now.AddSeconds(31), out _));
    }
}
