using System.Diagnostics;
using System.Globalization;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Adds <c>Server-Timing: app;dur=…</c> (W3C Server Timing) to every answer: the milliseconds from the request
/// entering the pipeline to the answer starting. A console page is rendered completely before it starts, so this is
/// its server time; browsers' developer tools and the console benchmark read it.
/// </summary>
public sealed class ServerTiming(RequestDelegate next)
{
    /// <summary>Starts the clock and writes the header when the answer starts.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
