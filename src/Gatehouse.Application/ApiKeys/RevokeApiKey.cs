using Gatehouse.Application.Audit;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.ApiKeys;

/// <summary>Which key to revoke.</summary>
/// <param name="KeyId">The key.</param>
public sealed record RevokeApiKeyCommand(Guid KeyId);

/// <summary>
/// Revokes an API key at once on every node: the actor's own, a service account's (for whoever may remove that service
/// account from its organization), or any key (platform operators). A key the actor may not revoke answers like one that
/// does not exist.
/// </summary>
public sealed class RevokeApiKeyHandler(GatehouseDb db, OrganizationWork work, TimeProvider time, IApiKeyRevocations revocations)
{
    /// <summary>True once revoked (revoking a revoked key again changes nothing), or why not.</summary>
    public async Task<Result<bool>> HandleAsync(Actor actor, Origin origin, RevokeApiKeyCommand command, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId, cancellationToken);
        Result<bool> result;
        if (key is null)
        {
            return NotFound(command.KeyId);
        }
        if (key.UserId == actor.UserId || actor.IsPlatformOperator)
        {
            if (key.RevokedAt is null)
            {
                var now = time.ChangeTime();
                key.RevokedAt = now;
                AuditLog.Record(db, key.OrganizationId, actor, AuditActions.ApiKeyRevoked, "api_key", key.Id, null, new { key.Name, key.Hint }, now, origin.ClientAddress);
                await db.SaveChangesAsync(cancellationToken);
            }
            result = true;
        }
        else if (key.OrganizationId is { } organizationId)
        {
            result = await work.RunAsync(actor, origin, organizationId, write => RevokeServiceAccountKeyAsync(write, command.KeyId), cancellationToken);
        }
        else
        {
            return NotFound(command.KeyId);
        }
        if (result.Succeeded)
        {
            await revocations.ForgetAsync(db, key.Id, null, CancellationToken.None);
        }
        return result;
    }

    // A service account's key: whoever may remove the service account from its organization may revoke its keys.
    private static async Task<Result<bool>> RevokeServiceAccountKeyAsync(WriteContext write, Guid keyId)
    {
        var stored = await write.Db.ApiKeys.SingleAsync(k => k.Id == keyId);
        // A service account the actor may not see answers like a key that does not exist (no name, no refusal about it).
        if (write.Compiled.FindMemberByUser(stored.UserId) is not { } member
            || VisibleMember.Refusal(write.Compiled, write.Policy, member.Entry.MemberId) is not null)
        {
            return NotFound(keyId);
        }
        var decision = RemoveMember.Evaluate(write.Compiled, write.Policy, new RemoveMemberRequest(member.Entry.MemberId));
        if (!decision.IsAllowed)
        {
            return Failure.From(decision);
        }
        if (stored.RevokedAt is null)
        {
            stored.RevokedAt = write.Now;
            write.Audit(AuditActions.ApiKeyRevoked, "api_key", stored.Id, null, new { stored.Name, stored.Hint, serviceAccountMemberId = member.Entry.MemberId });
        }
        return true;
    }

    private static Failure NotFound(Guid keyId) =>
        Failure.NotFound(ApiKeyCodes.NotFound, $"There is no API key {keyId} that you can revoke. List your keys to find its id.");
}
