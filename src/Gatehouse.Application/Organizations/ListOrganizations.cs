using Gatehouse.Application.Paging;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Organizations;

/// <summary>Which page of organizations to list.</summary>
/// <param name="Cursor">The next page's cursor, or null for the first page.</param>
/// <param name="Limit">The page size, or null for the default.</param>
public sealed record ListOrganizationsQuery(string? Cursor = null, int? Limit = null);

/// <summary>The organizations the actor belongs to (platform operators: all; a service account: its own), by name.</summary>
public sealed class ListOrganizationsHandler(GatehouseDb db)
{
    /// <summary>One page of organizations.</summary>
    public async Task<Result<Page<OrganizationDto>>> HandleAsync(Actor actor, ListOrganizationsQuery request, CancellationToken cancellationToken = default)
    {
        if (Cursor.CheckLimit(request.Limit) is { } badLimit)
        {
            return badLimit;
        }
        if (!Cursor.TryDecode<NameKey>(request.Cursor, out var after))
        {
            return Cursor.Invalid();
        }
        var query = db.Organizations.AsNoTracking();
        if (!actor.IsPlatformOperator)
        {
            query = query.Where(o => db.Members.Any(m => m.OrganizationId == o.Id && m.UserId == actor.UserId));
        }
        if (actor.OnlyOrganizationId is { } own)
        {
            query = query.Where(o => o.Id == own);
        }
        if (after is not null)
        {
            query = query.Where(o => string.Compare(o.Name, after.Name) > 0 || (o.Name == after.Name && o.Id.CompareTo(after.Id) > 0));
        }
        var size = request.Limit ?? Cursor.DefaultPageSize;
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Cursor.Encode(new NameKey(rows[size - 1].Name, rows[size - 1].Id)) : null;
        return new Page<OrganizationDto>([.. rows.Take(size).Select(OrganizationDto.Of)], next);
    }

    /// <summary>The cursor of the page that begins with the organizations named <paramref name="name"/> (the console shows a new organization's page).</summary>
    public static string CursorAt(string name) => Cursor.Encode(new NameKey(name, Guid.Empty));

    private sealed record NameKey(string Name, Guid Id);
}
