using Gatehouse.Core.Users;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

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
        if (await VersionAsync(db, organizationId, cancellationToken) is not { } version)
        {
            return null;
        }
        return (new OrganizationSnapshot(
            organizationId,
            await ScopesAsync(db, organizationId, cancellationToken),
            await MembersAsync(db, organizationId, null, cancellationToken),
            await RolesAsync(db, organizationId, cancellationToken),
            await GrantsAsync(db, organizationId, null, cancellationToken)), version);
    }

    /// <summary>The organization's access version, or null when it does not exist.</summary>
    internal static async Task<long?> VersionAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => (long?)o.AccessVersion).ToListAsync(cancellationToken) is [var version]
            ? version
            : null;

    internal static Task<List<ScopeEntry>> ScopesAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken) =>
        db.Scopes.AsNoTracking().Where(s => s.OrganizationId == organizationId)
            .Select(s => new ScopeEntry(s.Id, s.ParentId, s.Name)).ToListAsync(cancellationToken);

    internal static async Task<List<RoleEntry>> RolesAsync(GatehouseDb db, Guid organizationId, CancellationToken cancellationToken) =>
        [.. (await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync(cancellationToken))
            .Select(r => new RoleEntry(r.Key, r.Name, r.Kind, r.Permissions))];

    /// <summary>The organization's members, or only those with the given ids.</summary>
    internal static async Task<List<MemberEntry>> MembersAsync(GatehouseDb db, Guid organizationId, IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken)
    {
        // users.lockout_end is the sign-in lockout after failed passwords. It pauses sign-in only: feeding it to
        // the engine would let anyone who knows an email address cut that person off from their work with a few
        // wrong passwords. Deactivation is what ends access.
        var rows = db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId);
        if (ids is not null)
        {
            var wanted = ids.ToList();
            rows = rows.Where(m => wanted.Contains(m.Id));
        }
        var members = await (
            from m in rows
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            select new { m.Id, m.UserId, u.FirstName, u.LastName, u.Email, u.Kind, m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy })
            .ToListAsync(cancellationToken);
        return [.. members.Select(m => new MemberEntry(
            m.Id, m.UserId, User.DisplayNameOf(m.FirstName, m.LastName, m.Email), m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy,
            Contact: new MemberContact(m.FirstName, m.LastName, m.Email, m.Kind == UserKind.Person)))];
    }

    /// <summary>The organization's grants, or only those of the given members.</summary>
    internal static Task<List<GrantEntry>> GrantsAsync(GatehouseDb db, Guid organizationId, IReadOnlyCollection<Guid>? memberIds, CancellationToken cancellationToken)
    {
        var rows = db.Grants.AsNoTracking().Where(g => g.OrganizationId == organizationId);
        if (memberIds is not null)
        {
            var wanted = memberIds.ToList();
            rows = rows.Where(g => wanted.Contains(g.MemberId));
        }
        return rows.Select(g => new GrantEntry(g.MemberId, g.RoleKey, g.ScopeId)).ToListAsync(cancellationToken);
    }
}
