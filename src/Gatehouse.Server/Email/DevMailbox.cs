using System.Net;
using Gatehouse.Application;
using Gatehouse.Application.Email;
using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Email;

/// <summary>
/// Who may read the dev mailbox: nobody while an SMTP server is configured; otherwise only requests from this
/// machine (a loopback address, and no proxy's X-Forwarded-For/Forwarded header, trusted or not, since a reverse proxy
/// on the same host would make every visitor look local). A test server (ASP.NET Core's TestServer, which has no client address)
/// counts as local.
/// </summary>
public static class DevMailbox
{
    /// <summary>True when <paramref name="context"/> may read the dev mailbox.</summary>
    public static bool IsOpenTo(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured)
        {
            return false;
        }
        // X-Original-For: a trusted proxy's X-Forwarded-For, already applied by the forwarded-headers middleware.
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded")
            || context.Request.Headers.ContainsKey("X-Original-For"))
        {
            return false;
        }
        return context.Connection.RemoteIpAddress is { } address
            ? IPAddress.IsLoopback(address)
            : context.RequestServices.GetService<IServer>()?.GetType().FullName == "Microsoft.AspNetCore.TestHost.TestServer";
    }

    /// <summary>The answer where the dev mailbox is closed: as if it did not exist.</summary>
    public static ProblemHttpResult Closed() =>
        Failure.NotFound(EmailCodes.DevMailboxUnavailable,
            "There is no dev mailbox here: it exists only while no SMTP server is configured (Gatehouse:Smtp:Host), and only for requests from this machine.").ToProblem();

    /// <summary>
    /// The content security policy of an email's HTML shown in the dev mailbox: no scripts, no requests, its own opaque
    /// origin; a click on one of its links may open it in the whole window (as an email client would), nothing else.
    /// </summary>
    public const string HtmlPolicy = "sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    /// <summary>The policy of the dev mailbox page: the pages' own, and frames of this server (the sandboxed email HTML).</summary>
    public const string PagePolicy = Hosting.SecurityHeaders.ContentSecurityPolicy + "; frame-src 'self'";

    /// <summary>
    /// An email's HTML as the dev mailbox frames it: its links open in the whole window (the frame itself only shows
    /// the email), so a click on "Accept the invitation" opens the invitation as the email would.
    /// </summary>
    public static string Framed(string html)
    {
        const string Base = "<base target=\"_top\">";
        var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        if (head >= 0)
        {
            return html.Insert(head + "<head>".Length, Base);
        }
        const string Doctype = "<!DOCTYPE html>";
        return html.StartsWith(Doctype, StringComparison.OrdinalIgnoreCase) ? html.Insert(Doctype.Length, Base) : Base + html;
    }
}
