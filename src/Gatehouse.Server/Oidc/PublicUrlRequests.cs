using Gatehouse.Server.Email;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Every request reaches OpenIddict as if it had arrived at <c>Gatehouse:PublicUrl</c>: the endpoints in discovery, the issuer and every
/// address OpenIddict writes come from the configured public URL, never from a request's Host header (which a client chooses).
/// </summary>
public sealed class PublicUrlRequests(PublicLinks links) : IOpenIddictServerHandler<ProcessRequestContext>
{
    /// <inheritdoc/>
    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.BaseUri is { } requestBase && context.RequestUri is { } requested)
        {
            var publicBase = new Uri(links.BaseUrl + "/");
            context.RequestUri = new Uri(publicBase, requestBase.MakeRelativeUri(requested));
            context.BaseUri = publicBase;
        }
        return default;
    }
}
