using System.Net;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Application.OidcClients;

/// <summary>
/// The browser origins a client's web app calls the token, userinfo and revocation endpoints from (CORS). Left out, a public
/// client (a browser app) gets the origins of its redirect URIs, since that is where its code runs; a confidential client (a
/// back end, which calls from its server) gets none. An empty list means none.
/// </summary>
public static class OidcClientOrigins
{
    /// <summary>The property of a client registration holding its allowed origins (a JSON array of strings).</summary>
    public const string Property = "gatehouse_allowed_origins";

    /// <summary>At most this many origins per client.</summary>
    public const int Limit = 20;

    /// <summary>Why <paramref name="origins"/> cannot be allowed, or null.</summary>
    public static Failure? Problem(IReadOnlyList<string>? origins)
    {
        if (origins is null)
        {
            return null;
        }
        if (origins.Count > Limit)
        {
            return Failure.Invalid("allowedOrigins", OidcClientCodes.ValidationFailed, $"Give at most {Limit} allowed origins.");
        }
        return origins.FirstOrDefault(o => Normalize(o) is null) is { } bad
            ? Failure.Invalid("allowedOrigins", OidcClientCodes.ValidationFailed,
                $"'{bad}' is not an origin: give the scheme, host and port a browser app runs at, such as https://app.example.com, with no path, "
                + "query or wildcard (http:// only on localhost or a loopback address).")
            : null;
    }

    /// <summary>The origins to store for a valid command: the given ones, normalized, or the default for its type.</summary>
    public static IReadOnlyList<string> For(CreateOidcClientCommand command) =>
        command.AllowedOrigins is { } given ? [.. given.Select(o => Normalize(o)!).Distinct(StringComparer.Ordinal)]
        : command.Type == ClientTypes.Public ? [.. command.RedirectUris!.Select(u => Normalize(new Uri(u).GetLeftPart(UriPartial.Authority))!).Distinct(StringComparer.Ordinal)]
        : [];

    /// <summary>The allowed origins stored in a registration.</summary>
    public static IReadOnlyList<string> Of(OpenIddictApplicationDescriptor d) => Read(d.Properties.TryGetValue(Property, out var value) ? value : default);

    /// <summary>The allowed origins in a stored property value (an array of strings), or none.</summary>
    public static IReadOnlyList<string> Read(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)] : [];

    /// <summary>Writes <paramref name="origins"/> into the registration.</summary>
    public static void Store(OpenIddictApplicationDescriptor d, IReadOnlyList<string> origins) => d.Properties[Property] = JsonSerializer.SerializeToElement(origins);

    /// <summary>
    /// The origin as browsers send it in the Origin header (lower-case scheme and host, the port only when not the default), or
    /// null when <paramref name="text"/> is not an origin Gatehouse allows.
    /// </summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var bare = trimmed.EndsWith('/') ? trimmed[..^1] : trimmed;
        var scheme = bare.IndexOf("://", StringComparison.Ordinal);
        // Exactly scheme://host[:port]: no path, query, fragment, user or wildcard (an origin is compared whole, never as a pattern).
        if (scheme < 0 || bare.IndexOfAny(['/', '?', '#', '@', '*'], scheme + 3) >= 0 || !Uri.TryCreate(bare, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            return null;
        }
        var loopback = url.Host == "localhost" || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && loopback) ? $"{url.Scheme}://{url.Authority}" : null;
    }
}
