using Gatehouse.Application.OidcClients;
using Gatehouse.Data;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// CORS for browser apps on the endpoints their scripts call: discovery, JWKS, token, userinfo and revocation. An origin that a
/// registered client allows (<see cref="OidcClientOrigins"/>) gets <c>Access-Control-Allow-Origin</c> with its own name, on the
/// preflight and on the answer (errors included, so the app can read them); any other origin gets no CORS header at all, so the
/// browser keeps the answer from its script. Never <c>*</c> and never credentials: these endpoints take tokens and client
/// credentials in the request, not Gatehouse's cookie. The authorization and end-session endpoints are navigations, not calls.
/// The allowed origins come from memory (<see cref="OidcOriginCache"/>), not from the database on every request.
/// </summary>
public sealed class OidcCors(RequestDelegate next)
{
    private static readonly HashSet<string> Paths = new(StringComparer.OrdinalIgnoreCase)
    {
        "/.well-known/openid-configuration", "/" + OidcServerSetup.Paths.Jwks, "/" + OidcServerSetup.Paths.Token,
        "/" + OidcServerSetup.Paths.UserInfo, "/" + OidcServerSetup.Paths.Revocation,
    };

    /// <summary>Answers a preflight, or adds the headers and goes on.</summary>
    public async Task InvokeAsync(HttpContext context, OidcOriginCache origins, GatehouseDb db)
    {
        if (!Paths.Contains(context.Request.Path.Value ?? string.Empty))
        {
            await next(context);
            return;
        }
        // The answer depends on the Origin header: caches must not hand one origin's answer to another.
        context.Response.Headers.Append("Vary", "Origin");
        var origin = context.Request.Headers.Origin.ToString();
        var preflight = HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method");
        var allowed = origin.Length > 0 && await IsAllowedAsync(origins, db, origin, context.RequestAborted);
        if (allowed)
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
        }
        if (preflight)
        {
            if (allowed)
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                context.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type";
                context.Response.Headers.AccessControlMaxAge = "600";
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (allowed)
        {
            // A 401 from userinfo says why in WWW-Authenticate (RFC 6750), which scripts see only when exposed.
            context.Response.Headers.AccessControlExposeHeaders = "WWW-Authenticate";
        }
        await next(context);
    }

    /// <summary>True when a registered client allows <paramref name="origin"/> exactly (not a prefix of it, not another spelling).</summary>
    private static ValueTask<bool> IsAllowedAsync(OidcOriginCache origins, GatehouseDb db, string origin, CancellationToken cancellationToken) =>
        OidcClientOrigins.Normalize(origin) == origin ? origins.AllowsAsync(db, origin, cancellationToken) : ValueTask.FromResult(false);
}
