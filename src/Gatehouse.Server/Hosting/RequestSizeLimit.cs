using Gatehouse.Server.Api;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Hosting;

/// <summary>Refuses request bodies over the configured size before anything reads them, with a problem answer (Kestrel's own limit backs this up for bodies without a length).</summary>
public sealed class RequestSizeLimit(RequestDelegate next, IOptions<GatehouseOptions> options)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(
                Problems.Details(413, ProblemCodes.BodyTooLarge, $"The request body is larger than {options.Value.MaxRequestBodyBytes / 1024} KiB. Send fewer items per request."),
                (System.Text.Json.JsonSerializerOptions?)null,
                "application/problem+json");
            return;
        }
        await next(context);
    }
}
