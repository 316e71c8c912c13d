using Gatehouse.Core.Errors;
using Gatehouse.Core.Management;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Server.Api;

/// <summary>
/// Every error answer of the API, in one place: RFC 9457 problem details with a stable <c>code</c>,
/// a sentence a person can act on (<c>detail</c>) and, for invalid input, the offending fields.
/// </summary>
public static class Problems
{
    /// <summary>Where the problem types are documented.</summary>
    public const string TypeBase = "https://gatehouse.dev/problems/";

    /// <summary>A problem answer.</summary>
    public static IResult Of(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Problem(Details(status, code, detail, errors));

    /// <summary>The problem details object itself.</summary>
    public static ProblemDetails Details(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + code,
            Title = TitleOf(status),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }
        return problem;
    }

    /// <summary>A management refusal as 403, 404, 409 or 422.</summary>
    public static IResult From(Decision decision) =>
        From(decision.Error ?? throw new ArgumentException("An allowed decision is not a problem.", nameof(decision)), StatusOf(decision.Refusal));

    /// <summary>An expected failure with the status that fits it.</summary>
    public static IResult From(Error error, int status = StatusCodes.Status422UnprocessableEntity) =>
        Of(status, error.Code, error.Message, error.Field is { } field ? new Dictionary<string, string[]> { [field] = [error.Message] } : null);

    /// <summary>Invalid input in one field (400).</summary>
    public static IResult Invalid(string field, string code, string message) =>
        Of(StatusCodes.Status400BadRequest, code, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Something that does not exist, or that the caller may not know exists (404).</summary>
    public static IResult NotFound(string code, string message) => Of(StatusCodes.Status404NotFound, code, message);

    /// <summary>The caller may not do this (403).</summary>
    public static IResult Forbidden(string code, string message) => Of(StatusCodes.Status403Forbidden, code, message);

    /// <summary>The request clashes with the current state (409).</summary>
    public static IResult Conflict(string code, string message) => Of(StatusCodes.Status409Conflict, code, message);

    /// <summary>The HTTP status of a refusal kind.</summary>
    public static int StatusOf(Refusal refusal) => refusal switch
    {
        Refusal.Forbidden => StatusCodes.Status403Forbidden,
        Refusal.NotFound => StatusCodes.Status404NotFound,
        Refusal.Conflict => StatusCodes.Status409Conflict,
        Refusal.Invalid => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Sign-in required.",
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "Conflict with the current state.",
        410 => "No longer available.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        422 => "The request cannot be carried out.",
        429 => "Too many requests.",
        _ => "The server could not answer the request.",
    };
}
