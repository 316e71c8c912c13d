using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Session;

/// <summary>
/// Keeps a Gatehouse session true at every request: renews the access token before it expires, and ends the session when
/// Gatehouse says it is over (a refused refresh or an inactive token: deactivated, removed, revoked, paused account).
/// Gatehouse not answering ends nothing: the session stays, and every permission check refuses meanwhile.
/// </summary>
internal sealed partial class SessionValidation(RefreshCoordinator refreshes, TokenEndpoint tokens, IOptions<GatehouseOptions> options, TimeProvider time,
    ILogger<SessionValidation> logger) : CookieAuthenticationEvents
{
    private const string CheckedAt = ".gatehouse.checked_at";

    /// <inheritdoc/>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var properties = context.Properties;
        var accessToken = properties.GetTokenValue("access_token");
        if (accessToken is null)
        {
            await EndAsync(context, "the session holds no access token");
            return;
        }
        var settings = options.Value;
        var now = time.GetUtcNow();
        var checkedNow = false;
        if (ExpiresAt(properties) - now < settings.RefreshBefore && properties.GetTokenValue("refresh_token") is { } refreshToken)
        {
            var result = await refreshes.RefreshAsync(refreshToken);
            if (result.Refused)
            {
                await EndAsync(context, "Gatehouse refused to refresh its tokens");
                return;
            }
            if (result.Tokens is { } renewed)
            {
                Keep(properties, renewed);
                if (SessionClaims.FromIdToken(renewed.IdToken, context.Principal) is { } current)
                {
                    // The new ID token carries the person's current names and roles.
                    context.ReplacePrincipal(current);
                }
                accessToken = renewed.AccessToken;
                // Gatehouse checked the person's eligibility to issue these tokens.
                checkedNow = true;
                context.ShouldRenew = true;
            }
            else
            {
                LogUnreachable(logger, "refresh");
            }
        }
        if (!checkedNow && CheckDue(properties, now, settings.SessionCheckInterval))
        {
            var active = await tokens.IsActiveAsync(accessToken);
            if (active == false)
            {
                await EndAsync(context, "Gatehouse no longer accepts its access token");
                return;
            }
            checkedNow = active == true;
            if (active is null)
            {
                LogUnreachable(logger, "session check");
            }
        }
        if (checkedNow && settings.SessionCheckInterval > TimeSpan.Zero)
        {
            properties.Items[CheckedAt] = now.ToString("O", CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }
    }

    private static bool CheckDue(AuthenticationProperties properties, DateTimeOffset now, TimeSpan interval) =>
        interval <= TimeSpan.Zero || !properties.Items.TryGetValue(CheckedAt, out var at)
        || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt) || now - checkedAt >= interval;

    private static DateTimeOffset ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;

    private static void Keep(AuthenticationProperties properties, TokenSet tokens)
    {
        properties.UpdateTokenValue("access_token", tokens.AccessToken);
        properties.UpdateTokenValue("refresh_token", tokens.RefreshToken);
        properties.UpdateTokenValue("expires_at", tokens.ExpiresAt.ToString("o", CultureInfo.InvariantCulture));
        if (tokens.IdToken is not null)
        {
            // Kept for sign-out (id_token_hint).
            properties.UpdateTokenValue("id_token", tokens.IdToken);
        }
    }

    private async Task EndAsync(CookieValidatePrincipalContext context, string why)
    {
        LogEnded(logger, why);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(GatehouseDefaults.CookieScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gatehouse session ended: {Why}.")]
    private static partial void LogEnded(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gatehouse did not answer the {What}; the session is kept and permission checks refuse meanwhile.")]
    private static partial void LogUnreachable(ILogger logger, string what);
}
