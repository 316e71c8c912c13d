using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace Gatehouse.Server.Api;

/// <summary>
/// The API reference for people at <c>/api/docs</c>: Scalar reading the served OpenAPI document. Its script comes
/// from Gatehouse itself (Scalar.AspNetCore embeds it) and runs under a policy of its own with a fresh nonce per
/// answer; fonts are the browser's own, so the page loads nothing from another host.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference is served.</summary>
    public const string Path = "/api/docs";

    /// <summary>Maps the reference page and its script.</summary>
    public static void Map(WebApplication app) =>
        app.MapScalarApiReference(Path, (options, context) =>
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            options.WithTitle("Gatehouse API reference")
                // An absolute address from configuration: Scalar reads a rooted path as relative to /api/docs/.
                .WithOpenApiRoutePattern(context.RequestServices.GetRequiredService<Email.PublicLinks>().For("/openapi/{documentName}.json"))
                .DisableDefaultFonts()
                .WithNonce(nonce);
            // Set before the security headers middleware adds the pages' script-free policy (it keeps what an endpoint set).
            context.Response.Headers.ContentSecurityPolicy = Policy(nonce);
        }).AllowAnonymous();

    /// <summary>
    /// The reference's policy: scripts from this server and the nonced inline ones; styles inline too, since the
    /// reference injects its own; requests only to this server (the document, and "try it" calls).
    /// </summary>
    public static string Policy(string nonce) =>
        $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
}
