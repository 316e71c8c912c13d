using Gatehouse.Application.Audit;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Creating a key for someone else: a person or a service account, found by email.</summary>
/// <param name="Email">The user's email.</param>
/// <param name="Name">What the key is for; a default names the operator command.</param>
public sealed record IssueApiKeyForUserCommand(string Email, string? Name = null);

/// <summary>
/// Product support (the operator CLI, or a platform operator) creates an API key for an existing user or service
/// account; a service account's key stays bound to its one organization. Audited like a key made by its owner.
/// </summary>
public sealed class IssueApiKeyForUserHandler(GatehouseDb db, TimeProvider time)
{
    /// <summary>The name a key gets when the command gives none.</summary>
    public const string DefaultName = "Created with the gatehouse command";

    /// <summary>The new key with its secret, or why none was made.</summary>
    public async Task<Result<CreatedApiKeyDto>> HandleAsync(Actor actor, Origin origin, IssueApiKeyForUserCommand command, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(ApiKeyCodes.PlatformOperatorRequired, "Only product support creates API keys for other people. Ask them, or create your own key.");
        }
        var normalized = EmailAddress.Normalize(command.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.ErasedAt == null, cancellationToken);
        if (user is null)
        {
            return Failure.NotFound(ApiKeyCodes.UserNotFound, $"There is no user with the email {command.Email}.");
        }
        // A service account's key stays bound to the one organization it belongs to.
        var organizationId = user.Kind == UserKind.ServiceAccount
            ? await db.Members.Where(m => m.UserId == user.Id).Select(m => (Guid?)m.OrganizationId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var now = time.ChangeTime();
        var (key, plaintext) = ApiKeyIssuer.Issue(db, user.Id, organizationId, command.Name ?? DefaultName, actor.UserId, now);
        AuditLog.Record(db, organizationId, actor, AuditActions.ApiKeyCreated, "api_key", key.Id, null, ApiKeyAudit.View(key), now, origin.ClientAddress);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.Id, key.Name, plaintext, user.Id, organizationId);
    }
}
