using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Server.Application;
using Microsoft.EntityFrameworkCore;
using Gatehouse.Application.Audit;

namespace Gatehouse.Server.Accounts;

/// <summary>
/// Audit events about a person's account (sign-ins, password changes and resets, email verification): one event
/// in each organization the person is a member of, so each organization's administrators see what happens to
/// their members' accounts, or one platform event when there is none (operators, unknown emails).
/// </summary>
public sealed class AccountEvents(GatehouseDb db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>Records <paramref name="action"/> for <paramref name="user"/> (null: an unknown account) and saves.</summary>
    public async Task RecordAsync(User? user, string action, object? details)
    {
        await AddAsync(user, action, details);
        await db.SaveChangesAsync();
    }

    /// <summary>Adds the events of <paramref name="action"/> for <paramref name="user"/> to the caller's next save, with what it changes.</summary>
    public async Task AddAsync(User? user, string action, object? details)
    {
        var now = time.ChangeTime();
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var actor = new AuditLog.Actor(user?.Id, user?.DisplayName ?? "unknown account");
        var organizations = user is null
            ? []
            : await db.Members.Where(m => m.UserId == user.Id).Select(m => m.OrganizationId).Distinct().ToListAsync();
        foreach (var organization in organizations.DefaultIfEmpty())
        {
            AuditLog.Record(db, organization == Guid.Empty ? null : organization, actor, action, "user",
                user?.Id.ToString() ?? string.Empty, null, details, now, address);
        }
    }
}
