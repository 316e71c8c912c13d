using System.Text.RegularExpressions;
using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Turns exceptions into problem details: bad request bodies are the client's (4xx), a database out of reach is 503
/// (<see cref="StoreOutage"/>), anything else is logged and answered 500 without internals.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
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
            BadHttpRequestException { InnerException: InvalidTextException text } => TextInput.Problem(FieldOf(text)),
            BadHttpRequestException bad when ParameterProblem(bad) is { } parameter => parameter,
            BadHttpRequestException bad =>
                Problems.Details(400, ProblemCodes.MalformedRequest, MalformedDetail(bad)),
            DbUpdateConcurrencyException =>
                Problems.Details(409, ProblemCodes.VersionConflict, "Someone else changed this at the same time. Reload it and apply your change again."),
            DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                Problems.Details(409, StoreProblemCodes.Conflict,
                    "Someone else created the same thing (an account with this email, a role with this key…) at the same moment. Reload and check whether your change is still needed."),
            DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 } or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } =>
                Problems.Details(409, StoreProblemCodes.Conflict,
                    "Something this request refers to was removed at the same moment. Reload and try again."),
            _ when StoreOutage.Is(exception) => StoreOutage.Problem(httpContext),
            _ => null,
        };
        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("The database is out of reach; answered {Method} {Path} with 503: {Error}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            if (HtmlErrorPage.IsWanted(httpContext.Request))
            {
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await HtmlErrorPage.WriteAsync(httpContext.Response, "Try again in a moment", problem.Detail!, cancellationToken);
                return true;
            }
        }
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

    /// <summary>A query, route or header parameter that is missing or not of its type, named (the framework's message names it).</summary>
    private static Microsoft.AspNetCore.Mvc.ProblemDetails? ParameterProblem(BadHttpRequestException exception)
    {
        if (exception.InnerException is System.Text.Json.JsonException)
        {
            return null;
        }
        var missing = MissingParameter().Match(exception.Message);
        var invalid = missing.Success ? Match.Empty : InvalidParameter().Match(exception.Message);
        if (!missing.Success && !invalid.Success)
        {
            return null;
        }
        var match = missing.Success ? missing : invalid;
        var name = match.Groups["name"].Value;
        name = char.ToLowerInvariant(name[0]) + name[1..];
        var type = match.Groups["type"].Value.TrimEnd('?') switch
        {
            "Guid" => "an id (a GUID such as 0194f1a6-3c2d-7b4e-9a1f-2b3c4d5e6f70)",
            "int" or "Int32" or "long" or "Int64" => "a whole number",
            "bool" or "Boolean" => "true or false",
            "DateTimeOffset" or "DateTime" => "a time in ISO 8601 form",
            _ => "a " + match.Groups["type"].Value.TrimEnd('?'),
        };
        var source = missing.Success ? missing.Groups["source"].Value : "the request";
        var message = missing.Success
            ? $"The {(source.StartsWith("query", StringComparison.Ordinal) ? "query parameter" : "parameter")} '{name}' is required: {type}."
            : $"The parameter '{name}' must be {type}.";
        if (missing.Success && source.Equals("body", StringComparison.Ordinal))
        {
            return null;
        }
        return Problems.Details(400, ProblemCodes.MalformedRequest, message, new Dictionary<string, string[]> { [name] = [message] });
    }

    [GeneratedRegex("""^Required parameter "(?<type>\S+) (?<name>\w+)" was not provided from (?<source>[\w ]+)\.""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from ".*"\.$""", RegexOptions.Singleline)]
    private static partial Regex InvalidParameter();

    /// <summary>The field as the request names it: the object's JSON path (without "$") and the property, e.g. <c>invitees[0].email</c>.</summary>
    private static string FieldOf(InvalidTextException text) =>
        text.Path is { Length: > 1 } path ? $"{path.TrimStart('$').TrimStart('.')}.{text.Property}" : text.Property;

    private static string MalformedDetail(BadHttpRequestException exception)
    {
        // The framework's message names the parameter and the JSON path without echoing the body.
        var inner = exception.InnerException is System.Text.Json.JsonException json
            ? $" ({json.Message.Split(". ", 2)[0].TrimEnd('.')}{(json.Path is { } path ? $" at {path}" : string.Empty)})"
            : string.Empty;
        return $"The request body could not be read as the expected JSON{inner}. Check the body against /openapi/v1.json.";
    }
}
