using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Gatehouse.Server.Accounts;

/// <summary>When the person behind a session last proved who they are (signed in), as the OpenID Connect provider's <c>auth_time</c>.</summary>
public static class SessionAuthTime
{
    /// <summary>The session property holding it (Unix seconds).</summary>
    public const string Item = "gatehouse.auth_time";

    /// <summary>The time, or when the session's cookie was issued for a session older than this property.</summary>
    public static DateTimeOffset? Of(AuthenticateResult session) =>
        session.Properties?.Items.TryGetValue(Item, out var text) == true && long.TryParse(text, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : session.Properties?.IssuedUtc;
}
