namespace Gatehouse.Application.Email;

/// <summary>Wakes this node's outbox worker as soon as a change that queued emails commits (otherwise it polls).</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Tells the worker that messages may be due.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for <see cref="Wake"/> or <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _wake.Dispose();
}
