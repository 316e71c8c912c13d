using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// OpenIddict's token store with a cheaper lookup of a token entry by id, the query every introspection, userinfo request,
/// refresh and API call with an access token makes (token entry validation). OpenIddict's own lookup builds its LINQ query
/// anew on every call and joins the client's registration in, a wide row materialized and tracked per call; it was about
/// half of an introspection's time on Gatehouse's side (docs/benchmarks.md, "A product request").
/// </summary>
/// <remarks>
/// The lookup is compiled once, still tracked and still joined to the authorization (its status is checked right after).
/// The registration is left out: the store loads it on demand when asked for the token's client (GetApplicationIdAsync),
/// which introspection and token entry validation never do.
/// </remarks>
public sealed class OidcTokenStore(IMemoryCache cache, IOpenIddictEntityFrameworkCoreContext context, IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    GatehouseDb db) : OpenIddictEntityFrameworkCoreTokenStore(cache, context, options)
{
    private static readonly PerModelQuery<Func<GatehouseDb, string, Task<OpenIddictEntityFrameworkCoreToken?>>> ById = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, string id) => db.Set<OpenIddictEntityFrameworkCoreToken>().Include(token => token.Authorization).AsTracking()
            .FirstOrDefault(token => token.Id == id)));

    /// <inheritdoc/>
    public override ValueTask<OpenIddictEntityFrameworkCoreToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        // As OpenIddict does: an entry this request already holds (a refresh reads it, then updates it) is the one to use.
        var tracked = db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreToken>().FirstOrDefault(entry => entry.Entity.Id == identifier)?.Entity;
        return tracked is not null ? new(tracked) : new(ById.For(db)(db, identifier));
    }
}
