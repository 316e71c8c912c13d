using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Session;

/// <summary>New tokens from a refresh.</summary>
internal sealed record TokenSet(string AccessToken, string RefreshToken, string? IdToken, DateTimeOffset ExpiresAt);

/// <summary>What a refresh came to: new tokens, a refusal (the session is over), or no answer (Gatehouse unreachable).</summary>
internal sealed record RefreshResult(TokenSet? Tokens, bool Refused)
{
    public static readonly RefreshResult Unreachable = new(null, false);
}

/// <summary>
/// The two calls a session makes to Gatehouse's token endpoints with the client's credentials: refresh (RFC 6749 §6) and
/// introspection (RFC 7662), each bounded by <see cref="GatehouseOptions.CheckTimeout"/>. Addresses come from discovery.
/// </summary>
internal sealed class TokenEndpoint(IHttpClientFactory clients, IOptionsMonitor<OpenIdConnectOptions> oidc, IOptions<GatehouseOptions> options, TimeProvider time)
{
    /// <summary>Renews the tokens with <paramref name="refreshToken"/>.</summary>
    public async Task<RefreshResult> RefreshAsync(string refreshToken)
    {
        var answer = await PostAsync(c => c.TokenEndpoint, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        if (answer is null)
        {
            return RefreshResult.Unreachable;
        }
        var (status, body) = answer.Value;
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // invalid_grant: revoked (deactivation, removal, reuse), expired, or the person is no longer eligible.
            return new RefreshResult(null, Refused: true);
        }
        if (status != HttpStatusCode.OK || body is not { } json)
        {
            return RefreshResult.Unreachable;
        }
        var expiresIn = json.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
        return new RefreshResult(new TokenSet(json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!,
            json.TryGetProperty("id_token", out var id) ? id.GetString() : null, time.GetUtcNow().AddSeconds(expiresIn)), Refused: false);
    }

    /// <summary>Whether <paramref name="accessToken"/> is still active (its person still eligible); null when Gatehouse did not answer.</summary>
    public async Task<bool?> IsActiveAsync(string accessToken)
    {
        var answer = await PostAsync(c => c.IntrospectionEndpoint, new() { ["token"] = accessToken, ["token_type_hint"] = "access_token" });
        return answer is ({ } status, { } body) && status == HttpStatusCode.OK ? body.TryGetProperty("active", out var active) && active.GetBoolean() : null;
    }

    private async Task<(HttpStatusCode, JsonElement?)?> PostAsync(Func<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration, string?> endpoint,
        Dictionary<string, string> form)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.CheckTimeout, time);
        try
        {
            var handler = oidc.Get(GatehouseDefaults.OpenIdConnectScheme);
            var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            form["client_id"] = settings.ClientId!;
            form["client_secret"] = settings.ClientSecret!;
            using var content = new FormUrlEncodedContent(form);
            using var response = await clients.CreateClient(GatehouseDefaults.OidcHttpClient).PostAsync(endpoint(configuration), content, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            JsonElement? body = text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : null;
            return ((int)response.StatusCode >= 500 ? null : (response.StatusCode, body));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or JsonException or IOException)
        {
            // Unreachable, too slow, or no discovery document: no answer, which never counts as a yes.
            return null;
        }
    }
}
