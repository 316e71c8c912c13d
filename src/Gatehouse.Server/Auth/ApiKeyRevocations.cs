using Gatehouse.Application.ApiKeys;
using Gatehouse.Data;
using Gatehouse.Server.Access;

namespace Gatehouse.Server.Auth;

/// <summary>Revoked keys stop working at once: forgotten by this node's key cache, and by the others through PostgreSQL.</summary>
public sealed class ApiKeyRevocations(ApiKeyCache cache) : IApiKeyRevocations
{
    /// <inheritdoc/>
    public Task ForgetAsync(GatehouseDb db, Guid? keyId, Guid? userId, CancellationToken cancellationToken) =>
        AccessChangeListener.ForgetKeysEverywhereAsync(db, cache, keyId, userId, cancellationToken);
}
