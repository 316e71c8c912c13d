using OpenIddict.Abstractions;

namespace Gatehouse.Application.OidcClients;

/// <summary>Lists the registered clients by name (platform operators only); never a secret.</summary>
public sealed class ListOidcClientsHandler(IOpenIddictApplicationManager applications)
{
    /// <summary>Every client, or why not.</summary>
    public async Task<Result<List<OidcClientView>>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(OidcClientCodes.PlatformOperatorRequired, "Only the product's platform operators see the OpenID Connect clients. Ask product support.");
        }
        var views = new List<OidcClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, cancellationToken);
            views.Add(OidcClientRules.View(descriptor));
        }
        return views.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.ClientId, StringComparer.Ordinal).ToList();
    }
}
