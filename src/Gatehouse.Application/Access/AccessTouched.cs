using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gatehouse.Application.Access;

/// <summary>
/// Which parts of one organization's access a write changed, read off the entities it is about to save: the members
/// whose row, grants or user changed, and whether any scope or role did. The access cache then compiles only those
/// (see <see cref="AccessChangeLoader"/>) instead of the whole organization.
/// </summary>
/// <param name="MemberIds">Members whose row or grants were added, changed or removed.</param>
/// <param name="UserIds">Users whose row changed (their name is part of each of their memberships).</param>
/// <param name="Scopes">True when a scope was created, changed or removed.</param>
/// <param name="Roles">True when one of the organization's roles was created, changed or removed.</param>
public sealed record AccessTouched(IReadOnlySet<Guid> MemberIds, IReadOnlySet<Guid> UserIds, bool Scopes, bool Roles)
{
    /// <summary>
    /// A change of one account, which is part of its membership in each organization (names, email), or the end of that
    /// membership (erasure); <paramref name="roles"/> when roles of the organization went with it (an erased member's inline roles).
    /// </summary>
    public static AccessTouched OfUser(Guid userId, bool roles = false) => new(new HashSet<Guid>(), new HashSet<Guid> { userId }, Scopes: false, roles);

    /// <summary>Reads the change tracker before <c>SaveChanges</c> (after it, removed entities are gone from it).</summary>
    public static AccessTouched From(ChangeTracker tracker, Guid organizationId)
    {
        var (members, users) = (new HashSet<Guid>(), new HashSet<Guid>());
        var (scopes, roles) = (false, false);
        foreach (var entry in tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case Member member when member.OrganizationId == organizationId:
                    members.Add(member.Id);
                    break;
                case Grant grant when grant.OrganizationId == organizationId:
                    members.Add(grant.MemberId);
                    members.Add(entry.Property(nameof(Grant.MemberId)).OriginalValue is Guid before ? before : grant.MemberId);
                    break;
                case User user:
                    users.Add(user.Id);
                    break;
                case Scope scope when scope.OrganizationId == organizationId:
                    scopes = true;
                    break;
                case Role role when role.OrganizationId == organizationId:
                    roles = true;
                    break;
            }
        }
        return new AccessTouched(members, users, scopes, roles);
    }
}
