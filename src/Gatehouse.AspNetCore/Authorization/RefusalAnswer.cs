using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Authorization;

/// <summary>
/// A signed-in person refused by a <see cref="PermissionRequirement"/> gets 403 problem details naming what is missing
/// (<c>code</c>, <c>detail</c>, <c>permission</c>, <c>scopeId</c>), so a page can show it in a notification; everything else
/// (not signed in, other policies) goes to ASP.NET Core's own handling.
/// </summary>
internal sealed class RefusalAnswer(IOptions<GatehouseOptions> options) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (options.Value.RefusalsAsProblemDetails && authorizeResult.Forbidden && context.User.GetGatehouseIdentity() is not null
            && authorizeResult.AuthorizationFailure?.FailureReasons.OfType<PermissionRefusal>().FirstOrDefault() is { } refusal)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: refusal.Decision.Reason,
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = refusal.Decision.Code, ["permission"] = refusal.Decision.Question.Permission, ["scopeId"] = refusal.Decision.Question.ScopeId,
                }).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
