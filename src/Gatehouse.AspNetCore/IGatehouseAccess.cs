namespace Gatehouse.AspNetCore;

/// <summary>
/// Asks Gatehouse what the signed-in person may do in the session's organization (scoped per request). Many questions go in
/// one batch call; answers are reused within the request and, for <see cref="GatehouseOptions.CacheFor"/>, across requests.
/// Gatehouse unreachable, slow beyond <see cref="GatehouseOptions.CheckTimeout"/> or failing answers a refusal, never an allow.
/// </summary>
public interface IGatehouseAccess
{
    /// <summary>One question.</summary>
    Task<AccessDecision> CheckAsync(string permission, Guid? scopeId = null, CancellationToken cancellationToken = default);

    /// <summary>Every question at once (a page asks for all it shows): at most one call to Gatehouse for those not yet known.</summary>
    Task<AccessDecisions> CheckAsync(IEnumerable<PermissionQuestion> questions, CancellationToken cancellationToken = default);
}
