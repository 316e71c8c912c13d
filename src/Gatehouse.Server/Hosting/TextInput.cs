using Gatehouse.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Text input may not hold a NUL character (U+0000): PostgreSQL cannot store one in text (it answered 500), SQLite
/// would, and no person types one. Refused as invalid input in one place per kind of input: here for query strings
/// and form posts, and in <see cref="JsonTextCheck"/> for JSON bodies, with the problem <c>invalid_text</c> naming the field.
/// </summary>
public static class TextInput
{
    /// <summary>The sentence for a field holding a NUL.</summary>
    public static string Sentence(string field) =>
        $"'{field}' contains a NUL character (U+0000), which no text in Gatehouse may hold. Remove it and send the request again.";

    /// <summary>The problem answer for a field holding a NUL.</summary>
    public static ProblemDetails Problem(string field) =>
        Problems.Details(StatusCodes.Status400BadRequest, ProblemCodes.InvalidText, Sentence(field), new Dictionary<string, string[]> { [field] = [Sentence(field)] });

    /// <summary>Middleware: answers 400 when a query parameter or a form field holds a NUL; otherwise passes the request on.</summary>
    public static async Task RefuseNulAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var field = FirstWithNul(request.Query);
        if (field is null && request.HasFormContentType)
        {
            field = await FormFieldWithNulAsync(request, context.RequestAborted);
        }
        if (field is null)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (HtmlErrorPage.IsWanted(request))
        {
            await HtmlErrorPage.WriteAsync(context.Response, "Text not accepted", Sentence(field), context.RequestAborted);
            return;
        }
        await context.Response.WriteAsJsonAsync(Problem(field), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private static async Task<string?> FormFieldWithNulAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            return FirstWithNul(await request.ReadFormAsync(cancellationToken));
        }
        catch (InvalidDataException) when (request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The framework's form reader refuses a %00 without naming the field: read the body again, leniently, to name it.
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await reader.ReadToEndAsync(cancellationToken));
            return FirstWithNul(fields) ?? throw new BadHttpRequestException("The form could not be read.");
        }
    }

    private static string? FirstWithNul(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields) =>
        fields.FirstOrDefault(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)) is { Key: { } key }
            ? key.Replace("\0", "\\0", StringComparison.Ordinal)
            : null;
}
