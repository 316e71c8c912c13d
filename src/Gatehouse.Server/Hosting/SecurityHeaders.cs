namespace Gatehouse.Server.Hosting;

/// <summary>
/// Security headers on every answer. Scripts, styles and images come only from Gatehouse itself: no inline script, no
/// other host (the two scripts: <c>/js/autosave.js</c> saves a project's role select on change, <c>/js/timezone.js</c> offers
/// the browser's time zone to a profile that has none, posting it to Gatehouse itself; every page works without them). An endpoint that sets its own policy (for
/// example one that shows an email's HTML in a sandbox) keeps it. Nothing is framed, sniffed or sent as a
/// referrer: links with tokens in them must not leak through the Referer header.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The policy of every page.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>True when the page at this address may run Gatehouse's own scripts (the authorization pages run none).</summary>
    public static bool AllowsScripts(HttpRequest request) => ReferenceEquals(PolicyFor(request), ContentSecurityPolicy);

    /// <summary>
    /// The policy of the pages an authorization request passes through (sign-in on the way to /connect/authorize, the organization
    /// and consent pages): their form's answer redirects on to the product's registered redirect URI, which browsers check against
    /// form-action. Still no script.
    /// </summary>
    public const string AuthorizationPagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The policy of the provider's own answers: OpenIddict's response_mode=form_post page posts to the product with one inline
    /// script that submits the form (its values are HTML-encoded by OpenIddict).
    /// </summary>
    public const string AuthorizationResponsePolicy =
        "default-src 'none'; script-src 'unsafe-inline'; form-action https: http:; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Adds the headers when the answer starts.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", PolicyFor(context.Request));
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

    private static string PolicyFor(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/connect/authorize") || path.StartsWithSegments("/connect/endsession"))
        {
            return AuthorizationResponsePolicy;
        }
        if (path.StartsWithSegments("/connect/consent") || path.StartsWithSegments("/connect/organization")
            || (path.StartsWithSegments("/account/sign-in") && request.Query["ReturnUrl"].ToString().StartsWith("/connect/authorize", StringComparison.Ordinal)))
        {
            return AuthorizationPagePolicy;
        }
        return ContentSecurityPolicy;
    }
}
