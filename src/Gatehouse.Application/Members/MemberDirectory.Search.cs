using Gatehouse.Core.Members;

namespace Gatehouse.Application.Members;

// Free-text search in name or email order on PostgreSQL, costing about what the page shows in any organization.
public static partial class MemberDirectory
{

    /// <summary>
    /// A page of a search of three characters or more in name or email order. Two ways answer it: walking the list's
    /// own index in order from the cursor and keeping the matches (a page of common text costs about 50 ÷ the share
    /// of members who match), or reading every match after the cursor from the trigram index and sorting them (a page
    /// of rare text costs as many rows as match). Either alone grows with the organization for the other kind of
    /// text, so the page first walks a window of 256 rows (<see cref="SearchWindows.First"/>); if the window fills the page, that
    /// was the answer. Otherwise the share of matches in the window says which way costs less for the rest: a
    /// larger window from the same cursor, or the trigram index. Both give the same rows in the same order.
    /// </summary>
    /// <param name="unmatched">The list with every filter but the text.</param>
    /// <param name="text">The text searched.</param>
    /// <param name="members">How many members the organization has (only an estimate of the work: answers stay exact).</param>
    /// <param name="sort">A name or email order.</param>
    /// <param name="after">The cursor, or null for the first page.</param>
    /// <param name="take">Rows wanted (the page and one more).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <param name="windows">The window sizes.</param>
    private static async Task<List<Keyed>> SearchedAsync(
        IQueryable<Member> unmatched, string text, int members, MemberSort sort, MemberCursor? after, int take, SearchWindows windows,
        CancellationToken cancellationToken)
    {
        var from = TextAfter(unmatched, sort, after);
        if (members <= windows.First / 2)
        {
            // A small organization: walking all of it in order costs less than any second query.
            windows.Answered?.Invoke(SearchWay.Walk);
            return await KeyedAsync(TextOrdered(Matching(from, text), sort, bySearch: false), take, cancellationToken);
        }
        var inWindow = await WindowAsync(from, text, sort, windows.First, take, cancellationToken);
        if (inWindow.Count == take)
        {
            windows.Answered?.Invoke(SearchWay.Window);
            return inWindow;
        }
        // Matches per row read in the window, and what each way would read for the rest of the page.
        var share = (double)inWindow.Count / windows.First;
        var walkRows = share > 0 ? take / share : double.PositiveInfinity;
        var indexRows = share * Math.Max(0, members - windows.First);
        if (walkRows < indexRows && walkRows * 1.25 <= windows.Largest)
        {
            var window = (int)Math.Ceiling(walkRows * 1.25);
            var inLarger = await WindowAsync(from, text, sort, window, take, cancellationToken);
            if (inLarger.Count == take)
            {
                windows.Answered?.Invoke(SearchWay.LargerWindow);
                return inLarger;
            }
        }
        // Few matches ahead: read them from the trigram index (migration 0004) and sort them. Ordering by an expression
        // keeps the planner from walking the whole sort index instead.
        windows.Answered?.Invoke(SearchWay.Index);
        return await KeyedAsync(TextOrdered(Matching(from, text), sort, bySearch: true), take, cancellationToken);
    }

    /// <summary>The matches among the first <paramref name="window"/> rows of the list from the cursor, in order.</summary>
    private static Task<List<Keyed>> WindowAsync(IQueryable<Member> from, string text, MemberSort sort, int window, int take, CancellationToken cancellationToken) =>
        KeyedAsync(TextOrdered(Matching(TextOrdered(from, sort, bySearch: false).Take(window), text), sort, bySearch: false), take, cancellationToken);
}

/// <summary>The windows a search walks before it reads its matches from the trigram index.</summary>
/// <param name="First">Rows of the first window, read in list order from the cursor and searched there.</param>
/// <param name="Largest">The largest second window: beyond it, reading the matches from the trigram index costs less.</param>
/// <param name="Answered">Told which way answered each page (tests).</param>
/// <param name="FromMemory">Whether a search the access cache can answer is answered there (tests compare it with SQL).</param>
internal sealed record SearchWindows(int First, int Largest, Action<SearchWay>? Answered = null, bool FromMemory = true)
{
    /// <summary>The sizes the server uses.</summary>
    public static readonly SearchWindows Default = new(256, 32_000);
}

/// <summary>How a search page was answered.</summary>
internal enum SearchWay
{
    /// <summary>The whole (small) organization walked in order.</summary>
    Walk,

    /// <summary>The first window held the page.</summary>
    Window,

    /// <summary>A second, larger window held the page.</summary>
    LargerWindow,

    /// <summary>The matches read from the trigram index and sorted.</summary>
    Index,

    /// <summary>The page's members found in the access cache, then read by id (MemberDirectory.Memory).</summary>
    Memory,
}
