using System.Threading.RateLimiting;
using Gatehouse.Server.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// The endpoints anyone may call without a key (setup, invitation lookup and accept) are limited per client
/// address, so no one can make the server hash passwords or probe tokens as fast as they can send requests.
/// </summary>
public static class AnonymousRateLimit
{
    /// <summary>The policy name endpoints opt into.</summary>
    public const string Policy = "anonymous";

    /// <summary>Registers the limiter with the configured requests per minute per address.</summary>
    public static void AddAnonymousRateLimit(this IServiceCollection services, int permitsPerMinute) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await response.WriteAsJsonAsync(
                    Problems.Details(429, ProblemCodes.RateLimited, "Too many requests from your address. Wait a minute and try again."),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            };
        });
}
