using System.Net;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Where the links Gatehouse emails point: <c>Gatehouse:PublicUrl</c>, or else the loopback address the server listens
/// on. Never a request's <c>Host</c> or <c>X-Forwarded-Host</c>: anyone can send those, and a password-reset link
/// that points at their host hands them the account.
/// </summary>
public static class PublicUrlRule
{
    /// <summary>The setting, as a refusal names it.</summary>
    public const string Setting = "Gatehouse:PublicUrl (environment variable Gatehouse__PublicUrl)";

    /// <summary>Why a configured <c>PublicUrl</c> cannot be used, or null when it can (or is not set).</summary>
    public static string? Problem(string? configured)
    {
        if (configured is not { Length: > 0 })
        {
            return null;
        }
        var usable = Uri.TryCreate(configured, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.Host.Length > 0 && url.UserInfo.Length == 0 && url.Query.Length == 0 && url.Fragment.Length == 0;
        return usable ? null
            : $"{Setting} must be the absolute http:// or https:// address people open Gatehouse at, such as https://gatehouse.example.com, "
              + $"without a query or fragment; it is '{configured}'.";
    }

    /// <summary>
    /// The base URL of links (no trailing slash): the configured one, or else one of the addresses the server listens on,
    /// a loopback http one first. Refused (with the sentence to show) when nothing is configured and an address other
    /// machines can reach (a wildcard such as 0.0.0.0, [::], * or +, or any non-loopback address) is among them.
    /// </summary>
    public static (string? BaseUrl, string? Refusal) Resolve(string? configured, IReadOnlyCollection<string> listening)
    {
        if (configured is { Length: > 0 })
        {
            return (configured.TrimEnd('/'), null);
        }
        var addresses = new List<BindingAddress>();
        foreach (var text in listening)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(text);
            }
            catch (FormatException)
            {
                return (null, Unreachable(text));
            }
            if (address.IsUnixPipe || address.IsNamedPipe)
            {
                // Local to this machine, but no browser can open a link to a socket file.
                continue;
            }
            if (!IsLoopback(address.Host))
            {
                return (null, Unreachable(text));
            }
            addresses.Add(address);
        }
        var chosen = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp) ?? addresses.FirstOrDefault();
        return chosen is null
            ? (null, $"Gatehouse cannot tell at which address people open it, so it cannot build the links it emails. Set {Setting} to that address, such as https://gatehouse.example.com.")
            : (chosen.ToString().TrimEnd('/'), null);
    }

    /// <summary>
    /// The hosts a request may name when <c>AllowedHosts</c> is not configured: the public URL's host and this machine's
    /// loopback names. A page answered for any other name could be a DNS-rebinding attack on a loopback-only server.
    /// </summary>
    public static string[] DefaultAllowedHosts(string? configured)
    {
        string[] loopback = ["localhost", "127.0.0.1", "[::1]"];
        return configured is { Length: > 0 } && Uri.TryCreate(configured, UriKind.Absolute, out var url)
            ? [url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost, .. loopback]
            : loopback;
    }

    /// <summary>
    /// True when links point at this machine only: no public URL (the server then listens on loopback only) or one whose
    /// host is a loopback name. The OpenID Connect provider allows plain http only then.
    /// </summary>
    public static bool IsLoopbackUrl(string? configured) =>
        configured is not { Length: > 0 } || (Uri.TryCreate(configured, UriKind.Absolute, out var url) && IsLoopback(url.Host));

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Unreachable(string address) =>
        $"Gatehouse listens on {address}, which other machines can reach, but {Setting} is not set, so Gatehouse cannot tell which address "
        + "to put in the links it emails (it never takes it from a request's headers). Set Gatehouse:PublicUrl to the address people open, "
        + "such as https://gatehouse.example.com, or listen on a loopback address such as http://127.0.0.1:5080.";
}
