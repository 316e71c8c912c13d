using Gatehouse.Server.Accounts;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>At most one password hash per processor runs at a time; the others wait their turn and all finish.</summary>
public sealed class PasswordHashGateTests
{
    [Fact]
    public async Task ManyChecksAtOnce_RunAtMostOnePerProcessor_AndAllFinish()
    {
        using var gate = new PasswordHashGate();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostAtOnce = 0;
        var entered = 0;

        var checks = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Interlocked.Increment(ref entered);
            await release.Task;
            Interlocked.Decrement(ref running);
            return true;
        })).ToList();
        while (Volatile.Read(ref entered) < Environment.ProcessorCount)
        {
            await Task.Delay(10);
        }
        await Task.Delay(100);
        Assert.Equal(Environment.ProcessorCount, Volatile.Read(ref entered));
        release.SetResult();

        Assert.All(await Task.WhenAll(checks), Assert.True);
        Assert.Equal(Environment.ProcessorCount, mostAtOnce);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
