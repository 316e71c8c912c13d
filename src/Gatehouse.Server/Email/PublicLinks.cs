using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Email;

/// <summary>
/// Absolute links put in emails and printed (setup, invitations, password reset, email verification): the one
/// base URL <see cref="PublicUrlRule"/> resolves, never anything a request says about itself.
/// </summary>
public sealed class PublicLinks(IOptions<GatehouseOptions> options, IServer server)
{
    private string? _baseUrl;

    /// <summary>
    /// <c>Gatehouse:PublicUrl</c>, or the loopback address the server listens on (read once it listens, so port 0 shows
    /// the real port). Throws, with the sentence saying what to set, when there is neither.
    /// </summary>
    public string BaseUrl => _baseUrl ??= Resolve();

    /// <summary>The absolute link to <paramref name="pathAndQuery"/> (which starts with '/').</summary>
    public string For(string pathAndQuery) => BaseUrl + pathAndQuery;

    private string Resolve()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var (url, refusal) = PublicUrlRule.Resolve(options.Value.PublicUrl, listening);
        return url ?? throw new StartupRefusedException(refusal!);
    }
}
