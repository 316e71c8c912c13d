using System.Collections.Concurrent;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Members;

// Free-text search from the access cache: the page's members found in memory, then only their rows read.
public static partial class MemberDirectory
{
    private static readonly ConcurrentDictionary<string, bool> CodePointCollation = new(StringComparer.Ordinal);

    /// <summary>
    /// True when memory answers the page exactly as SQL would: a text search in a name or email order whose other filters
    /// the compiled organization holds (status, full access, service accounts, who the viewer may see), on a database
    /// that orders text by code point (SQLite; PostgreSQL under the C collation), with every member's contact compiled.
    /// Scope, role, type and verified-email filters, and the sign-in orders, stay in SQL.
    /// </summary>
    private static async Task<MemberSearchIndex?> MemoryIndexAsync(GatehouseDb db, OpenedOrganization opened, MemberFilter filter, MemberSort sort,
        CancellationToken cancellationToken)
    {
        if (filter is not { Text.Length: > 0, ScopeId: null, RoleKey: null, Type: null, EmailVerified: null }
            || sort is MemberSort.LastLogin or MemberSort.LastLoginDescending
            || !await OrdersByCodePointAsync(db, cancellationToken))
        {
            return null;
        }
        return MemberSearchIndex.For(opened.Organization);
    }

    /// <summary>The page (and one more) of matches after the cursor, found in the index, read by id.</summary>
    private static async Task<List<Keyed>> FromMemoryAsync(GatehouseDb db, OpenedOrganization opened, MemberSearchIndex index,
        MemberVisibility visibility, MemberFilter filter, MemberSort sort, MemberCursor? after, int take, CancellationToken cancellationToken)
    {
        var byName = sort is MemberSort.Name or MemberSort.NameDescending;
        var descending = sort is MemberSort.NameDescending or MemberSort.EmailDescending;
        var entries = byName ? index.ByName : index.ByEmail;
        var masks = byName ? index.NamePairs : index.EmailPairs;
        var text = filter.Text!.ToLowerInvariant();
        var pairs = PairMask.Of(text);
        var ids = new List<Guid>(take);
        var step = descending ? -1 : 1;
        for (var i = Start(entries, byName, descending, after); i >= 0 && i < entries.Length && ids.Count < take; i += step)
        {
            if (!pairs.MayBeIn(masks[2 * i], masks[2 * i + 1]))
            {
                continue; // the common case, decided without following the entry
            }
            var entry = entries[i];
            if ((entry.SortName.Contains(text, StringComparison.Ordinal) || entry.Email.Contains(text, StringComparison.Ordinal))
                && Passes(entry.Member, filter, visibility))
            {
                ids.Add(entry.Member.MemberId);
            }
        }
        var organizationId = opened.Organization.OrganizationId;
        // Ordered by id only so the query is well defined (EF Core warns of a limit without an order, and the CLI prints warnings);
        // the page's order is the index's, restored below.
        var read = await KeyedAsync(db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && ids.Contains(m.Id)).OrderBy(m => m.Id),
            take, cancellationToken);
        // In the index's order; a member another node removed a moment ago (not yet heard of here) has no row and is left out.
        var rows = read.ToDictionary(k => k.Member.Id);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    private static bool Passes(Core.Access.CompiledMember member, MemberFilter filter, MemberVisibility visibility) =>
        (filter.IncludeServiceAccounts || member.Contact!.IsPerson)
        && (filter.Status is not { } status || member.Status == status)
        && (filter.FullAccess is not { } fullAccess || member.HasFullAccess == fullAccess)
        && visibility.CanSee(member);

    /// <summary>The first position after the cursor in the walk's direction.</summary>
    private static int Start(MemberSearchIndex.Entry[] entries, bool byName, bool descending, MemberCursor? after)
    {
        if (after is null)
        {
            return descending ? entries.Length - 1 : 0;
        }
        // The first entry ordered after the cursor's (key, id); walking down, the one before the first not before it.
        var key = after.Text ?? string.Empty;
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var entry = entries[middle];
            var order = MemberSearchIndex.Compare(byName ? entry.SortName : entry.Email, entry.Member.MemberId, key, after.Id);
            if (descending ? order < 0 : order <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return descending ? low - 1 : low;
    }

    /// <summary>True when the database orders text as <see cref="CodePointOrder"/> does (asked once per connection string).</summary>
    private static async Task<bool> OrdersByCodePointAsync(GatehouseDb db, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return true; // SQLite's BINARY collation compares the UTF-8 bytes
        }
        var connection = db.Database.GetConnectionString() ?? string.Empty;
        if (CodePointCollation.TryGetValue(connection, out var known))
        {
            return known;
        }
        var collation = await db.Database.SqlQueryRaw<string>("SELECT datcollate AS \"Value\" FROM pg_database WHERE datname = current_database()")
            .SingleAsync(cancellationToken);
        // "C" and "POSIX" compare bytes; glibc's C.UTF-8 sorts by code point too.
        var byCodePoint = collation is "C" or "POSIX" or "C.UTF-8" or "C.utf8";
        CodePointCollation[connection] = byCodePoint;
        return byCodePoint;
    }
}
