namespace Gatehouse.Server.Hosting;

/// <summary>
/// Security headers on every answer. Scripts, styles and images come only from Gatehouse itself: no inline script, no
/// other host (the one script, <c>/js/autosave.js</c>, only saves a project's role select on change; every page works
/// without it). An endpoint that sets its own policy (for
/// example one that shows an email's HTML in a sandbox) keeps it. Nothing is framed, sniffed or sent as a
/// referrer: links with tokens in them must not leak through the Referer header.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The policy of every page.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Adds the headers when the answer starts.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            if (context.Request.IsHttps)
            {
                headers.TryAdd("Strict-Transport-Security", "max-age=31536000");
            }
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Pages show personal data and carry tokens: never keep them in a shared or back-button cache.
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
