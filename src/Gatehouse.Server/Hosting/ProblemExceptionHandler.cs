using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Hosting;

/// <summary>Turns exceptions into problem details: bad request bodies are the client's (4xx), anything else is logged and answered 500 without internals.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Details(413, ProblemCodes.BodyTooLarge, "The request body is too large. Send fewer items per request."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                Problems.Details(415, ProblemCodes.UnsupportedMediaType, "Send the request body as JSON with 'Content-Type: application/json'."),
            BadHttpRequestException bad =>
                Problems.Details(400, ProblemCodes.MalformedRequest, MalformedDetail(bad)),
            DbUpdateConcurrencyException =>
                Problems.Details(409, ProblemCodes.VersionConflict, "Someone else changed this at the same time. Reload it and apply your change again."),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Details(500, ProblemCodes.InternalError, "The server failed to answer. Try again; if it keeps failing, report the trace id to the operators.");
            problem.Extensions["traceId"] = httpContext.TraceIdentifier;
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    private static string MalformedDetail(BadHttpRequestException exception)
    {
        // The framework's message names the parameter and the JSON path without echoing the body.
        var inner = exception.InnerException is System.Text.Json.JsonException json
            ? $" ({json.Message.Split(". ", 2)[0].TrimEnd('.')}{(json.Path is { } path ? $" at {path}" : string.Empty)})"
            : string.Empty;
        return $"The request body could not be read as the expected JSON{inner}. Check the body against /openapi/v1.json.";
    }
}
