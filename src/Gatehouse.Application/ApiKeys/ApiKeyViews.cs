namespace Gatehouse.Application.ApiKeys;

/// <summary>A key as listed (never the secret).</summary>
public sealed record ApiKeyDto(Guid Id, string Name, string Hint, Guid UserId, Guid? OrganizationId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key: the secret is in <c>key</c>, shown only this once.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, Guid UserId, Guid? OrganizationId);

/// <summary>Stable codes of the failures about API keys.</summary>
public static class ApiKeyCodes
{
    /// <summary>The key does not exist, or the actor may not revoke it.</summary>
    public const string NotFound = "api_key_not_found";

    /// <summary>A service account asked for a key of its own.</summary>
    public const string ServiceAccountCannotCreateKeys = "service_account_cannot_create_keys";

    /// <summary>Only platform operators create keys for other people.</summary>
    public const string PlatformOperatorRequired = "platform_operator_required";

    /// <summary>No user has that email.</summary>
    public const string UserNotFound = "user_not_found";
}

/// <summary>What audit events record about a key (its name, its hint and whose it is; never the secret).</summary>
internal static class ApiKeyAudit
{
    public static object View(Data.Records.ApiKey key) => new { key.Name, key.Hint, userId = key.UserId };
}

/// <summary>Makes every node stop accepting revoked keys at once (the server's key cache, and other nodes through the database).</summary>
public interface IApiKeyRevocations
{
    /// <summary>Forgets one key (<paramref name="keyId"/>) or every key of a user (<paramref name="userId"/>) everywhere.</summary>
    Task ForgetAsync(Data.GatehouseDb db, Guid? keyId, Guid? userId, CancellationToken cancellationToken);
}
