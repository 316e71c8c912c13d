using Gatehouse.Application.Grants;
using Gatehouse.Core.Access;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

// The filters of the member list, in SQL, each spelled so the planner of either store keeps to its indexes.
public static partial class MemberDirectory
{
    /// <summary>The LIKE escape character used for free-text search.</summary>
    private const string LikeEscape = "\\";

    private static IQueryable<Member> Filtered(GatehouseDb db, CompiledOrganization organization, MemberVisibility visibility, MemberFilter filter)
    {
        var organizationId = organization.OrganizationId;
        var query = db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId);
        if (!filter.IncludeServiceAccounts)
        {
            query = query.Where(m => EF.Property<UserKind>(m, GatehouseDb.MemberDirectory.UserKind) == UserKind.Person);
        }
        if (!visibility.Everyone)
        {
            // Everyone with access at a visible scope (MemberVisibility): a grant there or on an ancestor, on the organization,
            // full access or ownership. "&& m.Id != self" is redundant; it keeps each EXISTS a probe per row on PostgreSQL
            // (see the scope filter).
            var reaching = visibility.Reaching.ToList();
            var self = visibility.Self ?? Guid.Empty;
            query = query.Where(m => m.Id == self || m.HasFullAccess || m.IsOwner
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && g.ScopeId == null && m.Id != self)
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && g.ScopeId != null && reaching.Contains(g.ScopeId) && m.Id != self));
        }
        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }
        if (filter.FullAccess is { } fullAccess)
        {
            // Spelled as a constant condition so both stores can use the partial index ix_members_full_access.
            query = fullAccess ? query.Where(m => m.HasFullAccess) : query.Where(m => !m.HasFullAccess);
        }
        if (filter.EmailVerified is { } verified)
        {
            // The account's verification, probed by the users' primary key per row read (as the grants' EXISTS below): no
            // copy on members to keep in step, and a page costs the same in any organization.
            query = verified
                ? query.Where(m => db.Users.Any(u => u.Id == m.UserId && u.EmailVerifiedAt != null))
                : query.Where(m => db.Users.Any(u => u.Id == m.UserId && u.EmailVerifiedAt == null));
        }
        if (filter.RoleKey == GrantRequest.InlineRoleKey)
        {
            // Holders of a one-off ("Custom") role: each member has their own, so the organization's inline role keys.
            var inline = organization.Roles.Where(r => r.Kind == RoleKind.Inline).Select(r => r.Key).ToList();
            query = query.Where(m => db.Grants.Any(g => g.OrganizationId == organizationId && g.MemberId == m.Id && inline.Contains(g.RoleKey)));
        }
        else if (filter.RoleKey is { } role)
        {
            query = query.Where(m => db.Grants.Any(g => g.OrganizationId == organizationId && g.MemberId == m.Id && g.RoleKey == role));
        }
        if (filter.Type == MemberType.Organization)
        {
            // "&& !m.IsOwner" changes nothing (an owner already passes) but keeps PostgreSQL from hashing every organization-wide
            // grant of the organization per page: with it the EXISTS is one index-only probe per row read (see ScopeId below).
            query = query.Where(m => m.HasFullAccess || m.IsOwner
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && g.ScopeId == null && !m.IsOwner));
        }
        else if (filter.Type == MemberType.Scope)
        {
            query = query.Where(m => !m.HasFullAccess && !m.IsOwner
                && !db.Grants.Any(g => g.OrganizationId == organizationId && g.MemberId == m.Id && g.ScopeId == null));
        }
        if (filter.ScopeId is { } scopeId)
        {
            // Everyone with access there: a grant on the scope or one of its ancestors, on the organization, or full access.
            var reaching = organization.SelfAndAncestors(scopeId).Select(s => (Guid?)s.Id).ToList();
            // Two EXISTS rather than one with OR inside, each answered by the covering index ix_grants_scope alone. An EXISTS
            // under OR that only compares the member id is turned by PostgreSQL into a hash of every matching grant of the
            // organization, built for each page (cost growing with the organization); the redundant "&& !m.IsOwner" (an owner
            // already passes) refers to the row, so it stays a probe per row read and a page costs the same in any organization.
            query = query.Where(m => m.HasFullAccess || m.IsOwner
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && g.ScopeId == null && !m.IsOwner)
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && reaching.Contains(g.ScopeId) && !m.IsOwner));
        }
        return filter.Text is { Length: > 0 } text ? Matching(query, text) : query;
    }

    /// <summary>The members whose name or email contains the text (any case).</summary>
    private static IQueryable<Member> Matching(IQueryable<Member> query, string text)
    {
        var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
        return query.Where(m => EF.Functions.Like(EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName), pattern, LikeEscape)
            || EF.Functions.Like(EF.Property<string>(m, GatehouseDb.MemberDirectory.Email), pattern, LikeEscape));
    }

    /// <summary>Escapes LIKE wildcards so the text matches literally.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}
