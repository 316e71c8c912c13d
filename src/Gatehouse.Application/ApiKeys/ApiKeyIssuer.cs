using Gatehouse.Core.Secrets;
using Gatehouse.Data;
using Gatehouse.Data.Records;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Creates API keys: the plaintext is returned once and only its hash is stored.</summary>
public static class ApiKeyIssuer
{
    /// <summary>Adds a new key for a user (or a service account) to the context; returns the record and the plaintext to show once.</summary>
    public static (ApiKey Key, string Plaintext) Issue(GatehouseDb db, Guid userId, Guid? organizationId, string name, Guid? createdBy, DateTimeOffset now)
    {
        var (plaintext, hash) = SecretToken.Create(ApiKey.TokenPrefix);
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = hash,
            Hint = plaintext[..(ApiKey.TokenPrefix.Length + 6)],
            Name = name,
            UserId = userId,
            OrganizationId = organizationId,
            CreatedByUserId = createdBy,
            CreatedAt = now,
        };
        db.ApiKeys.Add(key);
        return (key, plaintext);
    }
}
