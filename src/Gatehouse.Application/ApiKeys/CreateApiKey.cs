using Gatehouse.Application.Audit;
using Gatehouse.Application.Input;
using Gatehouse.Core.Audit;
using Gatehouse.Data;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Creating a key for the actor.</summary>
/// <param name="Name">What the key is for, as its owner will recognise it.</param>
public sealed record CreateApiKeyRequest(string Name);

/// <summary>Creates an API key that acts with the actor's own rights; the secret is in the answer only.</summary>
public sealed class CreateApiKeyHandler(GatehouseDb db, TimeProvider time)
{
    /// <summary>The new key with its secret, or why none was made.</summary>
    public async Task<Result<CreatedApiKeyDto>> HandleAsync(Actor actor, Origin origin, CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        if (InputRules.Name(request.Name, "name") is { } invalid)
        {
            return invalid;
        }
        if (actor.ServiceOrganizationId is not null || actor.UserId is not { } userId)
        {
            return Failure.Forbidden(ApiKeyCodes.ServiceAccountCannotCreateKeys, "A service account's keys are created by an administrator of its organization.");
        }
        var now = time.ChangeTime();
        var (key, plaintext) = ApiKeyIssuer.Issue(db, userId, null, request.Name.Trim(), userId, now);
        AuditLog.Record(db, null, actor, AuditActions.ApiKeyCreated, "api_key", key.Id, null, ApiKeyAudit.View(key), now, origin.ClientAddress);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, plaintext, key.UserId, null);
    }
}
