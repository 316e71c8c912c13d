using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

/// <summary>Reads members: one page at a time, with the filters in SQL, capabilities only for the rows of the page.</summary>
public static partial class MemberDirectory
{
    /// <summary>One page of members (at most <paramref name="size"/>) and the cursor of the next, or null on the last page.</summary>
    /// <remarks>
    /// Every query is shaped so PostgreSQL and SQLite can walk an index in the order of the page and stop after it
    /// (a keyset page costs about the same deep in a large organization as on its first page): the keyset repeats
    /// its leading column as a range, and "latest sign-in" is read in two sections (who signed in, then who never
    /// did) instead of ordering by an expression no index holds.
    /// </remarks>
    public static Task<(IReadOnlyList<MemberRow> Rows, MemberCursor? Next)> PageAsync(
        GatehouseDb db, OpenedOrganization opened, MemberVisibility visibility, MemberFilter filter, MemberSort sort, MemberCursor? after, int size,
        CancellationToken cancellationToken) =>
        PageAsync(db, opened, visibility, filter, sort, after, size, SearchWindows.Default, cancellationToken);

    /// <summary>One page, searching with the given windows.</summary>
    internal static async Task<(IReadOnlyList<MemberRow> Rows, MemberCursor? Next)> PageAsync(
        GatehouseDb db, OpenedOrganization opened, MemberVisibility visibility, MemberFilter filter, MemberSort sort, MemberCursor? after, int size,
        SearchWindows windows, CancellationToken cancellationToken)
    {
        // One connection for the page's three or four queries (the pool would otherwise reset it between them).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A search the access cache can answer exactly: its members found in memory, then read by id.
            if (windows.FromMemory && await MemoryIndexAsync(db, opened, filter, sort, cancellationToken) is { } index)
            {
                windows.Answered?.Invoke(SearchWay.Memory);
                return await PagedAsync(db, opened, await FromMemoryAsync(db, opened, index, visibility, filter, sort, after, size + 1, cancellationToken), sort, size,
                    cancellationToken);
            }
            // A search of three characters or more on PostgreSQL in name or email order: see SearchedAsync.
            var searched = db.IsPostgres && filter.Text is { Length: >= 3 } && sort is not (MemberSort.LastLogin or MemberSort.LastLoginDescending);
            var query = Filtered(db, opened.Organization, visibility, searched ? filter with { Text = null } : filter);
            List<Keyed> keyed;
            if (searched)
            {
                keyed = await SearchedAsync(query, filter.Text!, opened.Organization.MemberCount, sort, after, size + 1, windows, cancellationToken);
            }
            else if (sort is MemberSort.LastLogin or MemberSort.LastLoginDescending)
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
                keyed = await KeyedAsync(TextOrdered(TextAfter(query, sort, after), sort, bySearch: false), size + 1, cancellationToken);
            }
            return await PagedAsync(db, opened, keyed, sort, size, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(IReadOnlyList<MemberRow> Rows, MemberCursor? Next)> PagedAsync(
        GatehouseDb db, OpenedOrganization opened, List<Keyed> keyed, MemberSort sort, int size, CancellationToken cancellationToken)
    {
        MemberCursor? next = null;
        if (keyed.Count > size)
        {
            keyed.RemoveAt(size);
            next = CursorOf(keyed[^1], sort);
        }
        return (await RowsAsync(db, opened, [.. keyed.Select(k => k.Member)], cancellationToken), next);
    }
}
