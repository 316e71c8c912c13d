using Gatehouse.Core.Members;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

// Keyset paging of the member list: the orders, the rows after a cursor, and the cursor of a page's last row.
public static partial class MemberDirectory
{
    private static Task<List<Keyed>> KeyedAsync(IQueryable<Member> ordered, int take, CancellationToken cancellationToken) =>
        ordered.Take(take)
            .Select(m => new Keyed(
                m,
                EF.Property<string>(m, GatehouseDb.MemberDirectory.SortName),
                EF.Property<string>(m, GatehouseDb.MemberDirectory.Email),
                EF.Property<DateTimeOffset?>(m, GatehouseDb.MemberDirectory.LastLoginAt)))
            .ToListAsync(cancellationToken);

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
