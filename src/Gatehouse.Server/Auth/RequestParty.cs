using Gatehouse.Application;
using Gatehouse.Server.Email;

namespace Gatehouse.Server.Auth;

/// <summary>What a request hands to a use case: who acts (from what authenticated it) and where it came from.</summary>
public static class RequestParty
{
    /// <summary>The acting party of an authenticated request.</summary>
    public static Actor Actor(this HttpContext context) => context.Caller().ToActor();

    /// <summary>
    /// Where the request came from: the client address as the trusted-proxy rules leave it, the user agent, and the public
    /// URL from configuration (never from the request's Host or forwarded headers).
    /// </summary>
    public static Origin Origin(this HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            context.RequestServices.GetRequiredService<PublicLinks>().BaseUrl);
}
