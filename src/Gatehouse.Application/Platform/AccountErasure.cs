using Gatehouse.Application.Audit;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Platform;

/// <summary>
/// The part of erasing an account that is the same whoever erases it (product support, or the one organization the
/// account belonged to): API keys, platform-operator standing, invitations and emails to the person are deleted, the
/// person's email, names and phone are replaced by the pseudonym in the audit log and the outbox, the user row becomes
/// the pseudonym, and a platform audit event records it. The caller has removed the memberships, holds the user's row
/// lock and every organization's lock the account was in, and commits.
/// </summary>
internal static class AccountErasure
{
    /// <summary>Erases the account's own data inside the caller's transaction; the pseudonym for the caller's audit events.</summary>
    public static async Task<string> EraseAsync(GatehouseDb db, User user, List<Guid> memberIds, int organizationCount, Actor actor, Origin origin,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        var personal = PersonalData.Of(user);
        await db.ApiKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.PlatformOperators.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.NormalizedEmail == user.NormalizedEmail || i.AcceptedByUserId == userId).ExecuteDeleteAsync(cancellationToken);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are ASCII
        await db.Outbox.Where(m => m.To.ToLower() == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        await PersonalDataScrub.AuditEventsAsync(db, userId, memberIds, personal, cancellationToken);
        await PersonalDataScrub.OutboxAsync(db, personal, cancellationToken);
        user.Erase(now);
        AuditLog.Record(db, null, actor, AuditActions.AccountErased, "user", userId, null, new { user = personal.Pseudonym, organizations = organizationCount }, now, origin.ClientAddress);
        return personal.Pseudonym;
    }
}
