using Gatehouse.Application.Paging;

namespace Gatehouse.Application.Lookups;

/// <summary>
/// The position after a lookup page: the id of the last scope or membership it went through (the engine pages by id,
/// so a page stays stable while others are added). Sent to callers as an opaque <see cref="Cursor"/>.
/// </summary>
/// <param name="After">The last id the page went through.</param>
public sealed record LookupCursor(Guid After)
{
    /// <summary>The cursor's id (null for the first page); false when the text is not a cursor this server made.</summary>
    public static bool TryDecode(string? cursor, out Guid? after)
    {
        var valid = Cursor.TryDecode<LookupCursor>(cursor, out var key);
        after = key?.After;
        return valid;
    }

    /// <summary>The opaque text of a position, or null for "no next page".</summary>
    public static string? Encode(Guid? after) => after is { } id ? Cursor.Encode(new LookupCursor(id)) : null;
}
