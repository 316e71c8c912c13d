namespace Gatehouse.Server.Accounts;

/// <summary>
/// Lets at most one password hash per processor run at a time. A hash is ~50 ms of pure CPU: when many sign-ins
/// arrive together, running them all at once only makes each slower and ties up thread-pool threads, while
/// waiting here costs nothing. It also caps what a flood of sign-in attempts can take from everything else.
/// </summary>
public sealed class PasswordHashGate : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Runs <paramref name="check"/> when a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> check, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await check();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();
}
