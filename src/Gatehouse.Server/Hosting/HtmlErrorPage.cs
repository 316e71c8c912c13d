using System.Text.Encodings.Web;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// A small page for errors a person meets in the browser (unknown page, expired form, too many attempts): the
/// same look as the other pages, no script, and a sentence saying what to do next.
/// </summary>
public static class HtmlErrorPage
{
    /// <summary>True when the request is for a page (not under <c>/api</c>) from a client that reads HTML.</summary>
    public static bool IsWanted(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Writes the page with the response's status code.</summary>
    public static Task WriteAsync(HttpResponse response, string title, string sentence, CancellationToken cancellationToken = default)
    {
        var html = HtmlEncoder.Default;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <link rel="stylesheet" href="/css/gatehouse.css" />
            <title>{html.Encode(title)} · Gatehouse</title>
            </head>
            <body>
            <header class="bar"><a class="brand" href="/">Gatehouse</a></header>
            <main id="main">
            <section class="card narrow">
            <h1>{html.Encode(title)}</h1>
            <p>{html.Encode(sentence)}</p>
            <p class="aside"><a href="/">Go to the start page</a></p>
            </section>
            </main>
            </body>
            </html>

            """, cancellationToken);
    }
}
