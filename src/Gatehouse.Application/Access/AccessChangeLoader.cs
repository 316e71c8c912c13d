using Gatehouse.Core.Access;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Access;

/// <summary>Reads the parts of one organization a write touched, as they are now, as a change the engine can apply.</summary>
public static class AccessChangeLoader
{
    /// <summary>
    /// The touched members (each with all their grants, or as removed), and all scopes or roles when any changed.
    /// Inside the write's transaction after its <c>SaveChanges</c> this is exactly the organization as the write leaves it.
    /// </summary>
    /// <param name="db">The write's database context, inside its transaction.</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="touched">What the write touched.</param>
    /// <param name="basis">The organization as the write locked it (at the locked access version).</param>
    /// <param name="known">Members the write declared whole as it leaves them (<see cref="Work.WriteContext.Knows"/>): not read back.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<OrganizationChange> LoadAsync(GatehouseDb db, Guid organizationId, AccessTouched touched, CompiledOrganization basis,
        IReadOnlyDictionary<Guid, Work.KnownMember> known, CancellationToken cancellationToken)
    {
        var ids = touched.MemberIds.ToHashSet();
        // A changed user's name is part of their membership. A user has at most one membership per organization: the one
        // the organization held when the write locked it (the basis is exact at that version), or one this write added,
        // which is among the touched members already; so no query, under the lock, is needed to find it.
        foreach (var userId in touched.UserIds)
        {
            if (basis.FindMemberByUser(userId) is { } member)
            {
                ids.Add(member.MemberId);
            }
        }
        var members = new List<MemberChange>(ids.Count);
        foreach (var id in ids.Where(known.ContainsKey).ToList())
        {
            members.Add(known[id].ToChange());
            ids.Remove(id);
        }
        if (ids.Count > 0)
        {
            // One round trip for the members, their users and their grants: this runs under the organization's lock.
            var list = ids.ToList();
            var rows = await (
                from m in db.Members.AsNoTracking()
                where m.OrganizationId == organizationId && list.Contains(m.Id)
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                from g in db.Grants.AsNoTracking().Where(g => g.OrganizationId == organizationId && g.MemberId == m.Id).DefaultIfEmpty()
                select new { m.Id, m.UserId, u.FirstName, u.LastName, u.Email, u.Kind, m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy, RoleKey = (string?)g!.RoleKey, ScopeId = (Guid?)g!.ScopeId })
                .ToListAsync(cancellationToken);
            var found = rows.GroupBy(r => r.Id).ToDictionary(r => r.Key);
            foreach (var id in ids)
            {
                if (!found.TryGetValue(id, out var member))
                {
                    members.Add(MemberChange.Removed(id));
                    continue;
                }
                var m = member.First();
                var entry = new MemberEntry(m.Id, m.UserId, User.DisplayNameOf(m.FirstName, m.LastName, m.Email), m.Status, m.IsOwner, m.HasFullAccess, m.ManagedBy,
                    Contact: new MemberContact(m.FirstName, m.LastName, m.Email, m.Kind == UserKind.Person));
                members.Add(new MemberChange(id, entry, [.. member.Where(r => r.RoleKey is not null).Select(r => new GrantEntry(id, r.RoleKey!, r.ScopeId))]));
            }
        }
        return new OrganizationChange(
            members,
            touched.Scopes ? await SnapshotLoader.ScopesAsync(db, organizationId, cancellationToken) : null,
            touched.Roles ? await SnapshotLoader.RolesAsync(db, organizationId, cancellationToken) : null);
    }
}
