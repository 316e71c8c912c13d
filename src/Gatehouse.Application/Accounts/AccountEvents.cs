using Gatehouse.Application.Audit;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Accounts;

/// <summary>
/// Audit events about a person's account (password changes, email verification): one event in each organization the
/// person is a member of, so each organization's administrators see what happens to their members' accounts, or one
/// platform event when there is none.
/// </summary>
internal static class AccountEvents
{
    /// <summary>Adds the events for <paramref name="action"/> (the caller saves).</summary>
    public static async Task RecordAsync(GatehouseDb db, User user, string action, object? details, DateTimeOffset now, Origin origin, CancellationToken cancellationToken)
    {
        var actor = new AuditLog.Actor(user.Id, user.DisplayName);
        var organizations = await db.Members.Where(m => m.UserId == user.Id).Select(m => m.OrganizationId).Distinct().ToListAsync(cancellationToken);
        foreach (var organization in organizations.DefaultIfEmpty())
        {
            AuditLog.Record(db, organization == Guid.Empty ? null : organization, actor, action, "user", user.Id.ToString(), null, details, now, origin.ClientAddress);
        }
    }
}
