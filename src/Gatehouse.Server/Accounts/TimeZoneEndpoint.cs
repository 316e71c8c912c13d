using Gatehouse.Application.Accounts;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// <c>POST /account/time-zone</c>: the browser's time zone, offered by <c>/js/timezone.js</c> for a profile that has none
/// (<c>onlyIfUnset=true</c>), or a zone chosen by any form. A form post with the console's antiforgery token, like every
/// other console form, so another site cannot set it.
/// </summary>
public static class TimeZoneEndpoint
{
    /// <summary>The address.</summary>
    public const string Path = "/account/time-zone";

    /// <summary>Maps it.</summary>
    public static void Map(WebApplication app) =>
        app.MapPost(Path, ChooseAsync).ExcludeFromDescription().RequireAuthorization();

    private static async Task<Results<Ok<TimeZoneChoice>, ProblemHttpResult, StatusCodeHttpResult>> ChooseAsync(
        HttpContext context, IAntiforgery antiforgery, ChooseTimeZoneHandler handler)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            // No body: the status code pages answer a browser with the "form expired" page.
            return TypedResults.StatusCode(StatusCodes.Status400BadRequest);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var result = await handler.HandleAsync(context.Actor(),
            new ChooseTimeZoneCommand(form["timeZone"].ToString(), form["onlyIfUnset"] == "true"), context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Failure.ToProblem();
        }
        // No cookie is issued here: the session's claims are rebuilt from the user on every request (the security stamp is
        // checked each time), so the next page has the zone; a cookie set by this background answer could arrive after a
        // sign-out and undo it.
        return TypedResults.Ok(result.Value);
    }
}
