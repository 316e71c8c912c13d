using Microsoft.AspNetCore.WebUtilities;

namespace Gatehouse.Server.Components.Pages.Organizations.Members;

/// <summary>
/// The user list's address: filters, sort and page as the query string holds them, so a link or a reload shows the
/// same page. The API's cursors only go forward (keyset), so going back uses <see cref="Trail"/>: the cursors of the
/// pages seen before this one, oldest first, with <c>-</c> for the first page. It is capped at
/// <see cref="MaxTrail"/> pages; further back than that only "First page" remains.
/// </summary>
/// <param name="Scope">The scope filter as written in the address (not yet known to be a scope id).</param>
/// <param name="Role">A role key.</param>
/// <param name="Type"><c>organization</c> or <c>scope</c>.</param>
/// <param name="Status"><c>active</c> or <c>deactivated</c>.</param>
/// <param name="FullAccess"><c>true</c> or <c>false</c>.</param>
/// <param name="Search">Free text matched against names and emails.</param>
/// <param name="Sort">The API's sort (name, -name, email, -email, lastLogin, -lastLogin).</param>
/// <param name="Cursor">The API's cursor of this page; null on the first page.</param>
/// <param name="Trail">The cursors of earlier pages.</param>
public sealed record MemberListQuery(string? Scope, string? Role, string? Type, string? Status, string? FullAccess, string? Search, string? Sort,
    string? Cursor, IReadOnlyList<string> Trail)
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>How many earlier pages "Previous page" can reach.</summary>
    public const int MaxTrail = 20;

    private const string FirstPage = "-";

    /// <summary><c>true</c> or <c>false</c>: only people who have (or have not) verified their email address.</summary>
    public string? EmailVerified { get; init; }

    /// <summary>The email-verified filter; anything but true or false is no filter.</summary>
    public bool? EmailVerifiedOnly => EmailVerified switch { "true" => true, "false" => false, _ => null };

    /// <summary>Reads the query values; blanks (an empty select of the filter form) mean "no filter".</summary>
    public static MemberListQuery Read(string? scope, string? role, string? type, string? status, string? fullAccess, string? search, string? sort,
        string? cursor, string? trail, string? emailVerified = null) =>
        new(Value(scope), Value(role), Value(type), Value(status), Value(fullAccess), Value(search), Value(sort), Value(cursor),
            [.. (trail ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries).TakeLast(MaxTrail)]) { EmailVerified = Value(emailVerified) };

    /// <summary>True when any filter or search narrows the list (the sort does not).</summary>
    public bool Filtered => ActiveFilters > 0;

    /// <summary>How many filters (search included, sort not) narrow the list: the folded filters' summary says so on a phone.</summary>
    public int ActiveFilters => new[] { Scope, Role, Type, Status, FullAccess, EmailVerified, Search }.Count(v => v is not null);

    /// <summary>The scope filter as an id; an address that is no id becomes one no organization has, so the API answers "not found".</summary>
    public Guid? ScopeId => Scope is null ? null : Guid.TryParse(Scope, out var id) ? id : Guid.Empty;

    /// <summary>The full-access filter; anything but true or false is no filter.</summary>
    public bool? FullAccessOnly => FullAccess switch { "true" => true, "false" => false, _ => null };

    /// <summary>The page number when the trail reaches back to the first page, else null.</summary>
    public int? PageNumber => Cursor is null ? 1 : Trail.Count > 0 && Trail[0] == FirstPage ? Trail.Count + 1 : null;

    /// <summary>The next page, after <paramref name="nextCursor"/>.</summary>
    public string NextHref(string path, string nextCursor) => Href(path, nextCursor, [.. Trail, Cursor ?? FirstPage]);

    /// <summary>The page before this one; null on the first page or beyond the trail.</summary>
    public string? PreviousHref(string path) => (Cursor, Trail.Count) switch
    {
        (null, _) or (_, 0) => null,
        _ when Trail[^1] == FirstPage => Href(path, null, []),
        _ => Href(path, Trail[^1], Trail.Take(Trail.Count - 1)),
    };

    /// <summary>The first page with the same filters; null when already there.</summary>
    public string? FirstHref(string path) => Cursor is null ? null : Href(path, null, []);

    private string Href(string path, string? cursor, IEnumerable<string> trail)
    {
        var kept = trail.TakeLast(MaxTrail).ToList();
        var values = new (string Key, string? Value)[]
        {
            ("q", Search), ("scope", Scope), ("role", Role), ("type", Type), ("status", Status), ("fullAccess", FullAccess), ("emailVerified", EmailVerified), ("sort", Sort),
            ("cursor", cursor), ("trail", cursor is null || kept.Count == 0 ? null : string.Join('.', kept)),
        };
        return QueryHelpers.AddQueryString(path, values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value)));
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
