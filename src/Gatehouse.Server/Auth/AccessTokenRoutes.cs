using Gatehouse.Server.Api;

namespace Gatehouse.Server.Auth;

/// <summary>
/// What a product's access token may not reach even when its person could: platform operations and the person's own API keys. The
/// token acts for one person in one organization for a few minutes; it must not reach across organizations as product support, nor
/// turn itself into a lasting key (docs/oidc.md, "The REST API with an access token").
/// </summary>
public static class AccessTokenRoutes
{
    private static readonly string[] ApiKeyOnly = ["/api/v1/platform", "/api/v1/api-keys"];

    /// <summary>An endpoint filter answering 403 <c>api_key_required</c> for an access token on those routes.</summary>
    public static async ValueTask<object?> RefuseOutsideItsOrganizationAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Caller.From(http.User)?.TokenOrganizationId is not null && ApiKeyOnly.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ProblemCodes.ApiKeyRequired,
                "An access token from Gatehouse's sign-in acts for one person in one organization, so it cannot use platform operations or manage API keys. "
                + "Use an API key for this (a platform operator's for platform operations).");
        }
        return await next(context);
    }
}
