using Gatehouse.Application;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api;

/// <summary>The REST API's one mapping of a use case's failure to RFC 9457 problem details.</summary>
public static class FailureProblems
{
    /// <summary>The problem answer of a failure.</summary>
    public static ProblemHttpResult ToProblem(this Failure failure) =>
        TypedResults.Problem(Problems.Details(StatusOf(failure.Kind), failure.Code, failure.Sentence, failure.Fields));

    /// <summary>The HTTP status of a failure kind.</summary>
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.Rejected => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Gone => StatusCodes.Status410Gone,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a failure kind."),
    };
}
