using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Hosting;

/// <summary>
/// Refuses to start, before the server binds, when the addresses it is told to listen on (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>) reach beyond this machine and <c>Gatehouse:PublicUrl</c> is not set. The addresses the
/// server really listens on are checked again once it listens (<see cref="StartupPreparation"/>).
/// </summary>
public sealed class ListeningAddressCheck(IServer server, IOptions<GatehouseOptions> options) : IStartupFilter
{
    /// <inheritdoc/>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // The framework fills this list from the configured URLs just before building the pipeline, and binds after.
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses
            && PublicUrlRule.Resolve(options.Value.PublicUrl, [.. addresses]).Refusal is { } refusal)
        {
            throw new StartupRefusedException(refusal);
        }
        next(app);
    };
}
