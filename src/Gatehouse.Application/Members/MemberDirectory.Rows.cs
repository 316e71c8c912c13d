using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

// Row loading: the users, grants and capabilities of the members of a page.
public static partial class MemberDirectory
{
    /// <summary>One member as a row, or null when there is no such member.</summary>
    public static async Task<MemberRow?> RowAsync(GatehouseDb db, OpenedOrganization opened, Guid memberId, CancellationToken cancellationToken)
    {
        var organizationId = opened.Organization.OrganizationId;
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.Id == memberId, cancellationToken);
        return member is null ? null : (await RowsAsync(db, opened, [member], cancellationToken))[0];
    }

    private static async Task<IReadOnlyList<MemberRow>> RowsAsync(GatehouseDb db, OpenedOrganization opened, List<Member> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return [];
        }
        var organizationId = opened.Organization.OrganizationId;
        var memberIds = members.Select(m => m.Id).ToList();
        var userIds = members.Select(m => m.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var grants = (await db.Grants.AsNoTracking()
                .Where(g => g.OrganizationId == organizationId && memberIds.Contains(g.MemberId))
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.MemberId);
        return [.. members.Select(m => new MemberRow(
            m,
            users[m.UserId],
            [.. grants[m.Id].OrderBy(g => g.ScopeId is null ? 0 : 1).ThenBy(g => g.ScopeId).ThenBy(g => g.RoleKey, StringComparer.Ordinal)],
            MemberCapabilities.Evaluate(opened.Organization, opened.Policy, m.Id)))];
    }
}
