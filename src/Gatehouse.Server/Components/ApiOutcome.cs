using Gatehouse.Application;
using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Gatehouse.Server.Components;

/// <summary>
/// The answer of one REST API handler, called in-process by a console page. The console runs the API's own
/// handlers rather than code of its own, so it can do nothing the API cannot and refuses with the same codes
/// and sentences.
/// </summary>
/// <param name="Status">The HTTP status the API would have answered.</param>
/// <param name="Value">The answer body on success.</param>
/// <param name="Code">The problem's stable code on failure.</param>
/// <param name="Detail">The problem's sentence on failure.</param>
/// <param name="Errors">The problem's sentences per field (the API's field names, such as <c>emails[0]</c>).</param>
public sealed record ApiOutcome(int Status, object? Value, string? Code, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>True for a 2xx answer.</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The answer body as <typeparamref name="T"/>; only on success.</summary>
    public T ValueAs<T>() => Value is T value ? value : throw new InvalidOperationException($"The answer ({Status}) carries no {typeof(T).Name}.");

    /// <summary>The sentences for one field, joined, or null.</summary>
    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Reads a handler's result.</summary>
    public static ApiOutcome Of(IResult result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        if (result is ProblemHttpResult problem)
        {
            var details = problem.ProblemDetails;
            var errors = details.Extensions.TryGetValue("errors", out var raw) && raw is IReadOnlyDictionary<string, string[]> fields ? fields : NoErrors;
            return new ApiOutcome(status, null, details.Extensions.TryGetValue("code", out var c) ? c as string : null, details.Detail, errors);
        }
        return new ApiOutcome(status, result is IValueHttpResult { Value: var value } ? value : null, null, null, NoErrors);
    }

    /// <summary>Reads a use case's result the way the API answers it.</summary>
    public static ApiOutcome Of<T>(Result<T> result, int successStatus = StatusCodes.Status200OK) =>
        result.Succeeded
            ? new ApiOutcome(successStatus, result.Value, null, null, NoErrors)
            : new ApiOutcome(FailureProblems.StatusOf(result.Failure.Kind), null, result.Failure.Code, result.Failure.Sentence, result.Failure.Fields);

    /// <summary>Awaits and reads a handler's result.</summary>
    public static async Task<ApiOutcome> OfAsync<TResult>(Task<TResult> result) where TResult : IResult => Of(await result);
}
