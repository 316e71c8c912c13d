using Gatehouse.Application;
using Gatehouse.Server.Api;

namespace Gatehouse.Server.Components;

/// <summary>
/// How the console reads a use case's failure: the sentences about one input (shown next to that input) and the status
/// the page answers with, the same the REST API answers the failure with.
/// </summary>
public static class FailureFields
{
    /// <summary>The failure's sentences about one field (the API's field names, such as <c>emails[0]</c>), joined; null when none or no failure.</summary>
    public static string? SentenceFor(this Failure? failure, string field) =>
        failure is not null && failure.Fields.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    /// <summary>Answers the request with the failure's status (the page itself still renders).</summary>
    public static void AnswerWith(this HttpContext context, Failure failure) =>
        ResponseStatus.Set(context, FailureProblems.StatusOf(failure.Kind));
}
