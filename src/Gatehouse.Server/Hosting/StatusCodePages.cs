using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Bodies for answers that have a status but no body yet (unknown routes, wrong methods, a form without its
/// antiforgery token): a problem for the API and other programs, a page for a person's browser.
/// </summary>
public static class StatusCodePages
{
    /// <summary>Writes a problem details body for the status, or a page for a browser outside <c>/api</c>.</summary>
    public static Task WriteProblemAsync(StatusCodeContext context) => WriteAsync(context.HttpContext);

    /// <summary>
    /// A page's form posted without a valid antiforgery token (an old page, or a form on another site) is
    /// refused here with 400 and the "form expired" page; Razor components would answer it with plain text.
    /// API endpoints answer such requests themselves.
    /// </summary>
    public static async Task RefuseFormsWithoutTokenAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteAsync(context);
            return;
        }
        await next(context);
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        if (HtmlErrorPage.IsWanted(context.Request))
        {
            var (title, sentence) = PageText(response.StatusCode);
            await HtmlErrorPage.WriteAsync(response, title, sentence, context.RequestAborted);
            return;
        }
        var problem = response.StatusCode switch
        {
            404 => Problems.Details(404, ProblemCodes.RouteNotFound, "There is no such address. The API's endpoints are listed at /openapi/v1.json."),
            405 => Problems.Details(405, ProblemCodes.MethodNotAllowed, "This address does not accept that method. See /openapi/v1.json for the methods it does accept."),
            415 => Problems.Details(415, ProblemCodes.UnsupportedMediaType, "Send the request body as JSON with 'Content-Type: application/json'."),
            401 => Problems.Details(401, ProblemCodes.Unauthenticated, "Send an API key as 'Authorization: Bearer ghk_…'."),
            403 => Problems.Details(403, ProblemCodes.PlatformOperatorRequired, "Only the product's platform operators may do this."),
            _ => Problems.Details(response.StatusCode, "http_" + response.StatusCode, "The request could not be answered."),
        };
        await response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static (string Title, string Sentence) PageText(int status) => status switch
    {
        404 => ("Page not found", "There is no page at this address. Check the link, or start again from the start page."),
        // What a form posted without a valid antiforgery token gets: an old page, or a form on another site.
        400 => ("This form expired", "This form expired or did not come from Gatehouse. Go back, reload the page and try again."),
        403 => ("Not allowed", "You may not open this page. Sign in with an account that may, or ask an administrator."),
        405 => ("Not available", "This page cannot be used that way. Go back and follow a link or button instead."),
        429 => ("Too many attempts", "Too many attempts from your address. Wait a minute and try again."),
        _ => ("Something went wrong", "The page could not be shown. Go back and try again."),
    };
}
