using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// The proxies (load balancers) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Gatehouse believes, from
/// <c>Gatehouse:TrustedProxies</c>: IP addresses and CIDR networks. From them the client address (rate limits, the
/// audit log) and scheme are the forwarded ones; from any other peer those headers are ignored. <c>X-Forwarded-Host</c>
/// is never used: links come from the public URL and host names are checked against <c>AllowedHosts</c>.
/// </summary>
public static class TrustedProxies
{
    /// <summary>The configuration key.</summary>
    public const string Key = GatehouseOptions.Section + ":TrustedProxies";

    /// <summary>
    /// The configured entries: a JSON array (<c>Gatehouse__TrustedProxies__0</c>, …) or one value separated by commas,
    /// semicolons or spaces (<c>Gatehouse__TrustedProxies=10.0.0.0/8,192.0.2.7</c>).
    /// </summary>
    public static IReadOnlyList<string> Entries(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return [.. values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>Registers the forwarded-headers options; false when no proxy is trusted (then the middleware must not run at all).</summary>
    public static bool AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in Entries(configuration))
        {
            networks.Add(Parse(entry) ?? throw new StartupRefusedException(
                $"{Key} (environment variable Gatehouse__TrustedProxies) holds '{entry}', which is neither an IP address such as 10.0.0.5 "
                + "nor a network such as 10.0.0.0/8 or fd00::/8."));
        }
        if (networks.Count == 0)
        {
            // With no known proxy the middleware would believe every peer: it is left out instead, and made to do
            // nothing should ASPNETCORE_FORWARDEDHEADERS_ENABLED add the framework's own copy of it.
            services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.None);
            return false;
        }
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            // Walk back through every trusted hop (CDN, then load balancer) to the first address no trusted proxy vouches for.
            forwarded.ForwardLimit = null;
        });
        return true;
    }

    private static IPNetwork? Parse(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(entry, out var network) ? network : null;
        }
        return IPAddress.TryParse(entry, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : null;
    }
}
