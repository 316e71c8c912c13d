using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// OpenIddict's token store with cheaper lookups of a token entry: by id, the query every introspection, userinfo request,
/// refresh and API call with an access token makes (token entry validation), and by reference id, the query every code
/// redemption makes (codes are reference tokens: the product holds an identifier, the entry holds the code). OpenIddict's own
/// lookups build their LINQ query anew on every call and join the client's registration in, a wide row materialized and
/// tracked per call; the one by id was about half of an introspection's time on Gatehouse's side (docs/benchmarks.md, "A
/// product request"), the one by reference id about 7% of a code's redemption ("OpenID Connect").
/// </summary>
/// <remarks>
/// Both lookups are compiled once, still tracked and still joined to the authorization (its status is checked right after).
/// By id the registration is left out: the store loads it on demand when asked for the token's client (GetApplicationIdAsync),
/// which introspection and token entry validation never do. By reference id it stays in, as OpenIddict has it: a code's
/// redemption asks for the code's client, and loading it on demand would be a second query.
/// </remarks>
public sealed class OidcTokenStore(IMemoryCache cache, IOpenIddictEntityFrameworkCoreContext context, IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    GatehouseDb db) : OpenIddictEntityFrameworkCoreTokenStore(cache, context, options)
{
    private static readonly PerModelQuery<Func<GatehouseDb, string, Task<OpenIddictEntityFrameworkCoreToken?>>> ById = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, string id) => db.Set<OpenIddictEntityFrameworkCoreToken>().Include(token => token.Authorization).AsTracking()
            .FirstOrDefault(token => token.Id == id)));

    private static readonly PerModelQuery<Func<GatehouseDb, string, Task<OpenIddictEntityFrameworkCoreToken?>>> ByReferenceId = new(() => EF.CompileAsyncQuery(
        (GatehouseDb db, string referenceId) => db.Set<OpenIddictEntityFrameworkCoreToken>().Include(token => token.Application).Include(token => token.Authorization).AsTracking()
            .FirstOrDefault(token => token.ReferenceId == referenceId)));

    /// <inheritdoc/>
    public override ValueTask<OpenIddictEntityFrameworkCoreToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        // As OpenIddict does: an entry this request already holds (a refresh reads it, then updates it) is the one to use.
        var tracked = db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreToken>().FirstOrDefault(entry => entry.Entity.Id == identifier)?.Entity;
        return tracked is not null ? new(tracked) : new(ById.For(db)(db, identifier));
    }

    /// <inheritdoc/>
    /// <remarks>The identifier is the one OpenIddict's manager passes: already hashed, as reference ids are stored.</remarks>
    public override ValueTask<OpenIddictEntityFrameworkCoreToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var tracked = db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreToken>().FirstOrDefault(entry => entry.Entity.ReferenceId == identifier)?.Entity;
        return tracked is not null ? new(tracked) : new(ByReferenceId.For(db)(db, identifier));
    }
}
