using Gatehouse.Core.Access;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Access;

/// <summary>Reads the parts of one organization a write touched, as they are now, as a change the engine can apply.</summary>
public static class AccessChangeLoader
{
    /// <summary>
    /// The touched members (each with all their grants, or as removed), and all scopes or roles when any changed.
    /// Inside the write's transaction after its <c>SaveChanges</c> this is exactly the organization as the write leaves it.
    /// </summary>
    public static async Task<OrganizationChange> LoadAsync(GatehouseDb db, Guid organizationId, AccessTouched touched, CancellationToken cancellationToken)
    {
        var ids = touched.MemberIds.ToHashSet();
        if (touched.UserIds.Count > 0)
        {
            var users = touched.UserIds.ToList();
            ids.UnionWith(await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && users.Contains(m.UserId)).Select(m => m.Id).ToListAsync(cancellationToken));
        }
        var members = new List<MemberChange>(ids.Count);
        if (ids.Count > 0)
        {
            var list = ids.ToList();
            var entries = (await SnapshotLoader.MembersAsync(db, organizationId, list, cancellationToken)).ToDictionary(m => m.MemberId);
            var grants = (await SnapshotLoader.GrantsAsync(db, organizationId, list, cancellationToken)).ToLookup(g => g.MemberId);
            members.AddRange(ids.Select(id => entries.TryGetValue(id, out var entry) ? new MemberChange(id, entry, [.. grants[id]]) : MemberChange.Removed(id)));
        }
        return new OrganizationChange(
            members,
            touched.Scopes ? await SnapshotLoader.ScopesAsync(db, organizationId, cancellationToken) : null,
            touched.Roles ? await SnapshotLoader.RolesAsync(db, organizationId, cancellationToken) : null);
    }
}
