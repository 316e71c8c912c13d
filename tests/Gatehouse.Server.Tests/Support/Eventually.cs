namespace Gatehouse.Server.Tests.Support;

/// <summary>For what another node learns through PostgreSQL's notifications: read again until done, for up to about five seconds.</summary>
internal static class Eventually
{
    /// <summary>The first value read that is <paramref name="done"/>, or the last one read (which the caller's assertion then names).</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }
}
