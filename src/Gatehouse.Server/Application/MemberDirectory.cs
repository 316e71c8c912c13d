using Gatehouse.Core.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Application;

/// <summary>How the member list is ordered; every order ends with the member id so pages are stable.</summary>
public enum MemberSort
{
    /// <summary>By name, A to Z.</summary>
    Name,

    /// <summary>By name, Z to A.</summary>
    NameDescending,

    /// <summary>By email, A to Z.</summary>
    Email,

    /// <summary>By email, Z to A.</summary>
    EmailDescending,

    /// <summary>Oldest latest sign-in first; members who never signed in last.</summary>
    LastLogin,

    /// <summary>Newest latest sign-in first; members who never signed in last.</summary>
    LastLoginDescending,
}

/// <summary>Organization-wide members or scope users.</summary>
public enum MemberType
{
    /// <summary>Owners, full access, or a grant on the organization itself.</summary>
    Organization,

    /// <summary>Everyone else: access only through grants on scopes.</summary>
    Scope,
}

/// <summary>The filters of the member list, already validated.</summary>
public sealed record MemberFilter(
    Guid? ScopeId,
    string? RoleKey,
    MemberType? Type,
    MemberStatus? Status,
    bool? FullAccess,
    string? Text,
    bool IncludeServiceAccounts);

/// <summary>
/// The position after the last row of a page: the sort it belongs to, the row's sort key (text for name
/// and email, UTC ticks of the latest sign-in, null for "never") and its id.
/// </summary>
public sealed record MemberCursor(MemberSort Sort, string? Text, long? Ticks, Guid Id);

/// <summary>
/// Who the caller may see in the member list: everyone (members.view on the organization) or the members holding
/// grants on the scopes where the caller holds members.view, plus the caller themself.
/// </summary>
public sealed record MemberVisibility(bool Everyone, IReadOnlyList<Guid?> Scopes, Guid? Self)
{
    /// <summary>Works out the caller's visibility with the policy; null when the caller may see no one (the refusal is returned then).</summary>
    public static (MemberVisibility? Visibility, Decision Refusal) For(OpenedOrganization opened)
    {
        var whole = opened.Require(ManagementPermissions.View);
        if (whole.IsAllowed)
        {
            return (new MemberVisibility(true, [], null), Decision.Allowed);
        }
        if (whole.Code is ManagementCodes.NotAMember or ManagementCodes.ActorDeactivated)
        {
            return (null, whole);
        }
        var scopes = opened.Organization.Scopes
            .Where(s => opened.Require(ManagementPermissions.View, s.Id).IsAllowed)
            .Select(s => (Guid?)s.Id)
            .ToList();
        if (scopes.Count == 0)
        {
            return (null, whole);
        }
        var self = opened.Actor.Kind == ActorKind.Member ? opened.Organization.FindMemberByUser(opened.Caller.UserId)?.Entry.MemberId : null;
        return (new MemberVisibility(false, scopes, self), Decision.Allowed);
    }

    /// <summary>True when the caller may see this member (by its grants in the compiled organization).</summary>
    public bool CanSee(CompiledMember member) =>
        Everyone || member.Entry.MemberId == Self || member.Grants.Any(g => g.ScopeId is not null && Scopes.Contains(g.ScopeId));
}

/// <summary>One member as the API shows it.</summary>
public sealed record MemberRow(Member Member, User User, IReadOnlyList<Grant> Grants, MemberCapabilities Capabilities);

/// <summary>Reads members: one page at a time, with the filters in SQL, capabilities only for the rows of the page.</summary>
public static class MemberDirectory
{
    /// <summary>The LIKE escape character used for free-text search.</summary>
    private const string LikeEscape = "\\";

    /// <summary>One page of members (at most <paramref name="size"/>) and the cursor of the next, or null on the last page.</summary>
    /// <remarks>
    /// Every query is shaped so PostgreSQL and SQLite can walk an index in the order of the page and stop after it
    /// (a keyset page costs about the same deep in a large organization as on its first page): the keyset repeats
    /// its leading column as a range, and "latest sign-in" is read in two sections (who signed in, then who never
    /// did) instead of ordering by an expression no index holds.
    /// </remarks>
    public static async Task<(IReadOnlyList<MemberRow> Rows, MemberCursor? Next)> PageAsync(
        GatehouseDb db, OpenedOrganization opened, MemberVisibility visibility, MemberFilter filter, MemberSort sort, MemberCursor? after, int size,
        CancellationToken cancellationToken)
    {
        // One connection for the page's three or four queries (the pool would otherwise reset it between them).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var query = Filtered(db, opened.Organization, visibility, filter);
            List<Keyed> keyed;
            if (sort is MemberSort.LastLogin or MemberSort.LastLoginDescending)
            {
                var descending = sort == MemberSort.LastLoginDescending;
                keyed = [];
                if (after is null || after.Ticks is not null)
                {
                    // Section 1: who signed in, by the time of the latest sign-in.
                    keyed = await KeyedAsync(SignedInOrdered(SignedInAfter(query, descending, after), descending), size + 1, cancellationToken);
                }
                if (keyed.Count <= size)
                {
                    // Section 2: who never signed in, last both ways, by id.
                    var never = query.Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) == null);
                    if (after is { Ticks: null })
                    {
                        var id = after.Id;
                        never = descending ? never.Where(m => m.Id.CompareTo(id) < 0) : never.Where(m => m.Id.CompareTo(id) > 0);
                    }
                    never = descending ? never.OrderByDescending(m => m.Id) : never.OrderBy(m => m.Id);
                    keyed.AddRange(await KeyedAsync(never, size + 1 - keyed.Count, cancellationToken));
                }
            }
            else
            {
                // A search of three characters or more on PostgreSQL is answered by the trigram indexes (migration 0004):
                // ordering by an expression keeps the planner from walking the whole sort index for rare or clustered matches.
                var bySearch = db.IsPostgres && filter.Text is { Length: >= 3 };
                keyed = await KeyedAsync(TextOrdered(TextAfter(query, sort, after), sort, bySearch), size + 1, cancellationToken);
            }
            MemberCursor? next = null;
            if (keyed.Count > size)
            {
                keyed.RemoveAt(size);
                next = CursorOf(keyed[^1], sort);
            }
            return (await RowsAsync(db, opened, [.. keyed.Select(k => k.Member)], cancellationToken), next);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task<List<Keyed>> KeyedAsync(IQueryable<Member> ordered, int take, CancellationToken cancellationToken) =>
        ordered.Take(take)
            .Select(m => new Keyed(
                m,
                EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName),
                EF.Property<string>(m, GatehouseDb.MemberDirectory.Email),
                EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt)))
            .ToListAsync(cancellationToken);

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
            MemberCapabilities.Evaluate(opened.Organization, opened.Actor, m.Id)))];
    }

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
            var visible = visibility.Scopes.ToList();
            var self = visibility.Self ?? Guid.Empty;
            // "&& m.Id != self" is redundant; it keeps the EXISTS a probe per row on PostgreSQL (see the scope filter).
            query = query.Where(m => m.Id == self
                || db.Grants.Any(g => g.OrganizationId == m.OrganizationId && g.MemberId == m.Id && g.ScopeId != null && visible.Contains(g.ScopeId) && m.Id != self));
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
        if (filter.RoleKey is { } role)
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
        if (filter.Text is { Length: > 0 } text)
        {
            var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
            query = query.Where(m => EF.Functions.Like(EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName), pattern, LikeEscape)
                || EF.Functions.Like(EF.Property<string>(m, GatehouseDb.MemberDirectory.Email), pattern, LikeEscape));
        }
        return query;
    }

    /// <summary>Escapes LIKE wildcards so the text matches literally.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    /// <summary>The rows after the cursor in a name or email order; the leading "column ≥ text" lets the index start there.</summary>
    private static IQueryable<Member> TextAfter(IQueryable<Member> query, MemberSort sort, MemberCursor? after)
    {
        if (after is null)
        {
            return query;
        }
        var id = after.Id;
        var column = sort is MemberSort.Name or MemberSort.NameDescending ? GatehouseDb.MemberDirectory.SortName : GatehouseDb.MemberDirectory.Email;
        var text = after.Text ?? string.Empty;
        return sort is MemberSort.Name or MemberSort.Email
            ? query.Where(m => string.Compare(EF.Property<string>(m, column), text) >= 0)
                .Where(m => string.Compare(EF.Property<string>(m, column), text) > 0 || (EF.Property<string>(m, column) == text && m.Id.CompareTo(id) > 0))
            : query.Where(m => string.Compare(EF.Property<string>(m, column), text) <= 0)
                .Where(m => string.Compare(EF.Property<string>(m, column), text) < 0 || (EF.Property<string>(m, column) == text && m.Id.CompareTo(id) < 0));
    }

    /// <summary>Members who signed in, after the cursor (which is in this section).</summary>
    private static IQueryable<Member> SignedInAfter(IQueryable<Member> query, bool descending, MemberCursor? after)
    {
        query = query.Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) != null);
        if (after?.Ticks is not { } ticks)
        {
            return query;
        }
        var id = after.Id;
        DateTimeOffset? at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return descending
            ? query.Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) <= at)
                .Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) < at
                    || (EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) == at && m.Id.CompareTo(id) < 0))
            : query.Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) >= at)
                .Where(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) > at
                    || (EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt) == at && m.Id.CompareTo(id) > 0));
    }

    private static IQueryable<Member> SignedInOrdered(IQueryable<Member> query, bool descending) => descending
        ? query.OrderByDescending(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt)).ThenByDescending(m => m.Id)
        : query.OrderBy(m => EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt)).ThenBy(m => m.Id);

    /// <summary>
    /// Name or email order. <paramref name="bySearch"/> orders by the column appended to an empty string: the same
    /// order (same collation), but no index offers it, so PostgreSQL reads the matches from the trigram index and sorts them.
    /// </summary>
    private static IQueryable<Member> TextOrdered(IQueryable<Member> query, MemberSort sort, bool bySearch)
    {
        var column = sort is MemberSort.Name or MemberSort.NameDescending ? GatehouseDb.MemberDirectory.SortName : GatehouseDb.MemberDirectory.Email;
        var ascending = sort is MemberSort.Name or MemberSort.Email;
        return (ascending, bySearch) switch
        {
            (true, false) => query.OrderBy(m => EF.Property<string>(m, column)).ThenBy(m => m.Id),
            (false, false) => query.OrderByDescending(m => EF.Property<string>(m, column)).ThenByDescending(m => m.Id),
            (true, true) => query.OrderBy(m => EF.Property<string>(m, column) + "").ThenBy(m => m.Id),
            (false, true) => query.OrderByDescending(m => EF.Property<string>(m, column) + "").ThenByDescending(m => m.Id),
        };
    }

    private static MemberCursor CursorOf(Keyed row, MemberSort sort) => sort switch
    {
        MemberSort.Name or MemberSort.NameDescending => new MemberCursor(sort, row.SortName, null, row.Member.Id),
        MemberSort.Email or MemberSort.EmailDescending => new MemberCursor(sort, row.Email, null, row.Member.Id),
        _ => new MemberCursor(sort, null, row.LastLoginAt?.UtcTicks, row.Member.Id),
    };

    private sealed record Keyed(Member Member, string SortName, string Email, DateTimeOffset? LastLoginAt);
}
