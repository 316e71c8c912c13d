using Gatehouse.Core.Users;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Access;

/// <summary>Reads one organization's access data from the database as the engine's snapshot.</summary>
public static class SnapshotLoader
{
    /// <summary>
    /// The snapshot and the organization's access version, or null when the organization does not exist.
    /// The version is read first, so the snapshot is at least as new as it: a cache that compares versions
    /// may then recompile needlessly, but never keeps data older than the version it claims.
    /// </summary>
    public static async Task<(OrganizationSnapshot Snapshot, long Version)?> LoadAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken)
    {
        var versions = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => (long?)o.AccessVersion).ToListAsync(cancellationToken);
        if (versions is not [{ } version])
        {
            return null;
        }
        var scopes = await db.Scopes.AsNoTracking().Where(s => s.OrganizationId == organizationId)
            .Select(s => new ScopeEntry(s.Id, s.ParentId, s.Name)).ToListAsync(cancellationToken);
        // users.lockout_end is the sign-in lockout after failed passwords. It pauses sign-in only: feeding it to
        // the engine would let anyone who knows an email address cut that person off from their work with a few
        // wrong passwords. Deactivation is what ends access.
        var members = await (
            from m in db.Members.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            where m.OrganizationId == organizationId
            select new { m.Id, m.UserId, u.FirstName, u.LastName, u.Email, m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy })
            .ToListAsync(cancellationToken);
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var grants = await db.Grants.AsNoTracking().Where(g => g.OrganizationId == organizationId)
            .Select(g => new GrantEntry(g.MemberId, g.RoleKey, g.ScopeId)).ToListAsync(cancellationToken);
        return (new OrganizationSnapshot(
            organizationId,
            scopes,
            [.. members.Select(m => new MemberEntry(
                m.Id, m.UserId, User.DisplayNameOf(m.FirstName, m.LastName, m.Email), m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy))],
            [.. roles.Select(r => new RoleEntry(r.Key, r.Name, r.Kind, r.Permissions))],
            grants), version);
    }
}
