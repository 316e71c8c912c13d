using System.Text.Json;

namespace Gatehouse.Client;

/// <summary>
/// Gatehouse answered something other than success: a refusal (RFC 9457 problem details with a stable <see cref="Code"/>,
/// a <see cref="Detail"/> sentence a person can act on and, for invalid input, <see cref="Errors"/> per field), or an
/// answer the client could not read. Every method of <see cref="GatehouseClient"/> throws this one type.
/// </summary>
/// <remarks>The generated client constructs it (NSwag's exception class); see <c>docs/sdk.md</c>.</remarks>
public class GatehouseApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>An answer without problem details to hand (undocumented status, unreadable body): reads them from the body if it has them.</summary>
    public GatehouseApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : this(message, statusCode, response, headers, innerException, ProblemReader.Read(response))
    {
    }

    /// <summary>An answer whose problem details the client has already read.</summary>
    private protected GatehouseApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers,
        Exception? innerException, ProblemDetails? problem)
        : base(Describe(message, statusCode, problem), innerException)
    {
        Status = problem?.Status ?? statusCode;
        Response = response;
        Headers = headers;
        Problem = problem;
        Errors = problem?.Errors is { } errors
            ? errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
            : NoErrors;
    }

    /// <summary>The HTTP status of the answer (the problem's <c>status</c>).</summary>
    public int Status { get; }

    /// <summary>The stable machine-readable code, e.g. <c>seat_limit_reached</c>; null when the answer had no problem details.</summary>
    public string? Code => Problem?.Code;

    /// <summary>What went wrong, in a sentence a person can act on.</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>For invalid input: each offending field (e.g. <c>invitees[1].email</c>) and what is wrong with it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>The problem details as answered, or null when the answer had none.</summary>
    public ProblemDetails? Problem { get; }

    /// <summary>The body as text when the client read it as text (not for problem details it read directly).</summary>
    public string? Response { get; }

    /// <summary>The answer's headers, e.g. <c>Retry-After</c> of a <c>rate_limited</c> answer.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    private static string Describe(string message, int statusCode, ProblemDetails? problem) =>
        problem?.Code is { } code
            ? $"Gatehouse answered {statusCode} {code}: {problem.Detail ?? problem.Title ?? message}"
            : $"Gatehouse answered {statusCode}: {message}";

    /// <summary>Problem details from a body that may hold them.</summary>
    private static class ProblemReader
    {
        public static ProblemDetails? Read(string? body)
        {
            if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            {
                return null;
            }
            try
            {
                return JsonSerializer.Deserialize<ProblemDetails>(body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// A documented refusal whose body the client read as <typeparamref name="TResult"/> (for Gatehouse, always
/// <see cref="ProblemDetails"/>). Catch <see cref="GatehouseApiException"/>: it carries the same code, detail and errors.
/// </summary>
public sealed class GatehouseApiException<TResult> : GatehouseApiException
{
    /// <summary>A refusal with its body read.</summary>
    public GatehouseApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result,
        Exception? innerException)
        : base(message, statusCode, response, headers, innerException, result as ProblemDetails)
    {
        Result = result;
    }

    /// <summary>The body as read.</summary>
    public TResult Result { get; }
}
