using System.Net;
using System.Text;
using Gatehouse.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace ConnectedWorkshop.Pages;

/// <summary>The frame of every page: the person, their organisation, the switch and sign-out. Server-rendered, no script.</summary>
public static class Layout
{
    /// <summary>Encodes text for HTML (every value from Gatehouse or the request goes through it).</summary>
    public static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A notification box; <paramref name="kind"/> is <c>refused</c> or <c>done</c>.</summary>
    public static string Notice(string kind, string text) => $"<p class=\"notice {kind}\" role=\"status\">{H(text)}</p>";

    /// <summary>The page of the person signed in to <paramref name="http"/> as an HTML answer with the given status.</summary>
    public static IResult Page(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        var who = http.User.GetGatehouseIdentity()!;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{H(title)} · Connected Workshop</title><link rel=\"stylesheet\" href=\"/site.css\"></head><body>")
            .Append("<header><a class=\"brand\" href=\"/\">Connected Workshop</a> <a href=\"/workshops\">Workshops</a>")
            .Append($"<span class=\"who\">{H(who.Name)} · <span id=\"organisation\">{H(who.OrganizationName)}</span></span>")
            // A form post with this page's antiforgery token: no other site can switch someone's organisation.
            .Append($"<form method=\"post\" action=\"/gatehouse/switch-organization\">{AntiforgeryField(http)}")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"/\"><button type=\"submit\">Switch organisation</button></form>")
            .Append("<form method=\"post\" action=\"/gatehouse/sign-out?returnUrl=/signed-out\"><button type=\"submit\">Sign out</button></form>")
            .Append($"</header><main><h1>{H(title)}</h1>{body}</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The hidden field with the request's antiforgery token, which Gatehouse.AspNetCore's switch endpoint requires.</summary>
    public static string AntiforgeryField(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{H(tokens.FormFieldName)}\" value=\"{H(tokens.RequestToken)}\">";
    }

    /// <summary>The page a signed-out person lands on (no session needed).</summary>
    public static IResult SignedOut() => Results.Content(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out · Connected Workshop</title>"
        + "<link rel=\"stylesheet\" href=\"/site.css\"></head><body><main><h1>You are signed out</h1>"
        + "<p><a href=\"/\">Sign in again</a></p></main></body></html>", "text/html; charset=utf-8", Encoding.UTF8);

    /// <summary>The stylesheet, served from the sample itself (the Content-Security-Policy allows no inline style).</summary>
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1d2430; }
        header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1rem; background: #eef2f7; }
        header .who { margin-left: auto; }
        header form { margin: 0; }
        main { padding: 1rem; max-width: 48rem; }
        .notice { padding: .75rem 1rem; border-radius: .4rem; }
        .notice.refused { background: #fdecea; border: 1px solid #e0a39b; }
        .notice.done { background: #e8f5ea; border: 1px solid #9bc7a3; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; }
        button { min-height: 2.25rem; padding: 0 .9rem; }
        """;
}
