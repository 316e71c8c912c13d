using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Gatehouse.Server.Hosting;

/// <summary>Bodies for answers that have a status but no body yet (unknown routes, wrong methods).</summary>
public static class StatusCodePages
{
    /// <summary>Writes a problem details body for the status.</summary>
    public static async Task WriteProblemAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
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
}
