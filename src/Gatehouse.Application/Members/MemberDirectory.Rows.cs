using Gatehouse.Application.Work;
using Gatehouse.Core.Grants;
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
        // One round trip for the member, their user and their grants (one row per grant): every change to a member
        // answers with this row.
        var organizationId = opened.Organization.OrganizationId;
        var rows = await (
            from m in db.Members.AsNoTracking()
            where m.OrganizationId == organizationId && m.Id == memberId
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            from g in db.Grants.AsNoTracking().Where(g => g.OrganizationId == organizationId && g.MemberId == m.Id).DefaultIfEmpty()
            select new { Member = m, User = u, Grant = (Grant?)g })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }
        var (member, user) = (rows[0].Member, rows[0].User);
        return new MemberRow(member, user, InRowOrder(rows.Where(r => r.Grant is not null).Select(r => r.Grant!)),
            MemberCapabilities.Evaluate(opened.Organization, opened.Policy, member.Id));
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
            InRowOrder(grants[m.Id]),
            MemberCapabilities.Evaluate(opened.Organization, opened.Policy, m.Id)))];
    }

    /// <summary>A row's grants: organization-wide first, then by place and role.</summary>
    internal static List<Grant> InRowOrder(IEnumerable<Grant> grants) =>
        [.. grants.OrderBy(g => g.ScopeId is null ? 0 : 1).ThenBy(g => g.ScopeId).ThenBy(g => g.RoleKey, StringComparer.Ordinal)];
}
