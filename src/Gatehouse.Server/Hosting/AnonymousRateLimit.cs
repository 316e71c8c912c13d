using System.Globalization;
using System.Threading.RateLimiting;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Every rate limit of the server, in one limiter. The endpoints anyone may call without a key (setup,
/// invitation lookup and accept) opt into <see cref="Policy"/>, limited per client address, so no one can make
/// the server hash passwords or probe tokens as fast as they can send requests. On top of that, the account
/// forms (sign-in, password reset, accepting an invitation) are limited per address by path and method, so a
/// page gets its limit as soon as it exists, and resending invitations is limited per caller. Reading a page
/// (GET) is never limited here.
/// </summary>
public static class AnonymousRateLimit
{
    /// <summary>The policy name the API endpoints without a key opt into.</summary>
    public const string Policy = "anonymous";

    /// <summary>Registers the limiter with the configured limits.</summary>
    public static void AddRateLimits(this IServiceCollection services, GatehouseOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => PerMinute(Address(context), options.AnonymousRequestsPerMinute));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                AccountLimit(context, options.Accounts) is { } limit
                    ? PerMinute(limit.Key, limit.PerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected.HttpContext, rejected.Lease, cancellationToken);
        });

    /// <summary>The account action a request is, with its partition key and limit; null for everything else.</summary>
    internal static (string Key, int PerMinute)? AccountLimit(HttpContext context, AccountOptions accounts)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }
        var path = request.Path;
        // Every form that checks a password shares the sign-in allowance: the current password on the change
        // forms could otherwise be guessed from a stolen session without ever meeting the lockout.
        if (path.StartsWithSegments("/account/sign-in") || path.StartsWithSegments("/account/change-password") || path.StartsWithSegments("/account/profile"))
        {
            return ("sign-in " + Address(context), accounts.SignInAttemptsPerMinute);
        }
        // Every form that sends an account email, and the reset itself.
        if (path.StartsWithSegments("/account/forgot-password") || path.StartsWithSegments("/account/reset-password")
            || path.StartsWithSegments("/account/resend-verification"))
        {
            return ("password-reset " + Address(context), accounts.PasswordResetRequestsPerMinute);
        }
        if (path.StartsWithSegments("/invitations/accept"))
        {
            return ("invitation-accept " + Address(context), accounts.InvitationAcceptsPerMinute);
        }
        if (IsInvitationResend(path))
        {
            // Per caller: many administrators behind one office address each keep their own allowance.
            var caller = Caller.From(context.User);
            return ("invitation-resend " + (caller?.UserId.ToString() ?? Address(context)), accounts.InvitationResendsPerMinute);
        }
        return null;
    }

    // POST /api/v1/organizations/{organizationId}/invitations/{invitationId}/resend
    private static bool IsInvitationResend(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["api", _, "organizations", _, "invitations", _, "resend"];

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>429 with Retry-After: the API's problem, or a page saying when to try again.</summary>
    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await response.WriteAsJsonAsync(
                Problems.Details(429, ProblemCodes.RateLimited, IsInvitationResend(context.Request.Path)
                    ? "Too many invitations resent in a short time. Wait a minute and try again."
                    : "Too many requests from your address. Wait a minute and try again."),
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            return;
        }
        await HtmlErrorPage.WriteAsync(response, "Too many attempts",
            $"Too many attempts from your address in a short time. Wait {seconds} seconds, then go back and try again.", cancellationToken);
    }
}
