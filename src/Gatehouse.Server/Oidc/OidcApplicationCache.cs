using Gatehouse.Data;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// OpenIddict's application cache, answered from <see cref="OidcClientDirectory"/> (kept across requests) instead of a cache
/// that lives for one request. OpenIddict's manager calls <see cref="AddAsync"/> after creating or changing a registration
/// and <see cref="RemoveAsync"/> before changing or deleting one: both forget it on every node.
/// </summary>
public sealed class OidcApplicationCache(OidcClientDirectory directory, IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store, GatehouseDb db)
    : IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>
{
    /// <inheritdoc/>
    public async ValueTask AddAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken) =>
        await ForgetAsync(application, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken) =>
        await ForgetAsync(application, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        directory.ByClientId(identifier) is { } kept ? new(kept) : ReadAsync(() => store.FindByClientIdAsync(identifier, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        directory.ById(identifier) is { } kept ? new(kept) : ReadAsync(() => store.FindByIdAsync(identifier, cancellationToken));

    /// <inheritdoc/>
    /// <remarks>Asked only when a sign-out names a return address: read from the database, not kept.</remarks>
    public IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByPostLogoutRedirectUriAsync(uri, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Not asked by the flows Gatehouse allows (a request names its client): read from the database, not kept.</remarks>
    public IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByRedirectUriAsync(uri, cancellationToken);

    /// <summary>
    /// Makes this request's context track a copy of a registration kept in memory (unless it tracks the registration already), so that
    /// OpenIddict's stores, which look a token's or an authorization's client up by key when linking them, find it there instead of
    /// reading it again. A copy, for the reason given in <see cref="ReadAsync"/>; never saved, as nothing changes it.
    /// </summary>
    public static void TrackCopy(GatehouseDb db, OpenIddictEntityFrameworkCoreApplication application)
    {
        if (db.Entry(application).State != Microsoft.EntityFrameworkCore.EntityState.Detached
            || db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreApplication>().Any(e => e.Entity.Id == application.Id))
        {
            return;
        }
        var copy = db.Entry(new OpenIddictEntityFrameworkCoreApplication());
        copy.CurrentValues.SetValues(application);
        copy.State = Microsoft.EntityFrameworkCore.EntityState.Unchanged;
    }

    private async ValueTask<OpenIddictEntityFrameworkCoreApplication?> ReadAsync(Func<ValueTask<OpenIddictEntityFrameworkCoreApplication?>> read)
    {
        var generation = directory.Generation;
        var application = await read();
        if (application is not null)
        {
            // A copy of the values, never the entity this request's context tracks: a token created in this request is linked to
            // the tracked entity, and EF Core's fix-up would add it to that entity's collections, shared by every later request.
            directory.Keep((OpenIddictEntityFrameworkCoreApplication)db.Entry(application).CurrentValues.ToObject(), generation);
        }
        return application;
    }

    private async Task ForgetAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        if (application.ClientId is { } clientId)
        {
            await directory.ForgetEverywhereAsync(db, clientId, cancellationToken);
        }
    }
}
