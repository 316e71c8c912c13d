using Gatehouse.Application.Access;
using Gatehouse.Application.Checks;
using Gatehouse.Application.Paging;
using Gatehouse.Core.Model;

namespace Gatehouse.Application.Lookups;

/// <summary>Where may this user do this? ("which workshops may Ada see")</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">Whose places are looked up.</param>
/// <param name="Permission">A permission codename of the catalog, e.g. <c>repairs.view</c>.</param>
/// <param name="Cursor">The next page's cursor, or null for the first page.</param>
/// <param name="Limit">The page size (1 to 200), or null for 50.</param>
public sealed record LookUpPlacesQuery(Guid OrganizationId, Guid UserId, string? Permission, string? Cursor = null, int? Limit = null);

/// <summary>A scope where the user may do it.</summary>
/// <param name="Id">The scope.</param>
/// <param name="Name">Its name.</param>
/// <param name="ParentId">The scope it sits in, or null at the top.</param>
public sealed record PlaceDto(Guid Id, string Name, Guid? ParentId);

/// <summary>One page of the places where the user may do it.</summary>
/// <param name="OrganizationWide">The user may do it on the organization itself, so at every scope, including scopes made later
/// (full access, ownership or a grant on the organization); the items are then every scope.</param>
/// <param name="Items">The scopes where the user may do it (directly or inherited from a scope above), ascending by id.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last page.</param>
public sealed record PlacesPageDto(bool OrganizationWide, IReadOnlyList<PlaceDto> Items, string? NextCursor);

/// <summary>
/// The places in an organization where a user may do something, from the in-memory engine (no database query), by
/// the access rule without resource ownership. Asked by the user about themself, a service account of the
/// organization, a platform operator, or a member who may see the user in the member list (anyone else:
/// member_not_found). Every scope where the user may do it is listed: any member may read the scope tree, and whoever
/// may see the user sees all their grants. A user who is not an active member may do it nowhere.
/// </summary>
public sealed class LookUpPlacesHandler(AccessCache cache, TimeProvider time)
{
    /// <summary>One page of places, or why the question may not be asked.</summary>
    public async ValueTask<Result<PlacesPageDto>> HandleAsync(Actor actor, LookUpPlacesQuery query, CancellationToken cancellationToken = default)
    {
        var (organization, bit, refused) = await CheckRules.OpenQuestionAsync(cache, actor, query.OrganizationId, query.UserId, query.Permission, cancellationToken);
        if (organization is null)
        {
            return refused!;
        }
        if (Cursor.CheckLimit(query.Limit) is { } badLimit)
        {
            return badLimit;
        }
        if (!LookupCursor.TryDecode(query.Cursor, out var after))
        {
            return Cursor.Invalid();
        }
        if (CheckRules.MayAskWhere(organization, actor, query.UserId) is { } cannotAsk)
        {
            return cannotAsk;
        }
        var page = organization.PlacesAllowed(query.UserId, new PermissionId(bit), time, after, query.Limit ?? Cursor.DefaultPageSize);
        var items = new List<PlaceDto>(page.ScopeIds.Count);
        foreach (var id in page.ScopeIds)
        {
            if (organization.FindScope(id) is { } scope)
            {
                items.Add(new PlaceDto(scope.Id, scope.Name, scope.ParentId));
            }
        }
        return new PlacesPageDto(page.OnOrganization, items, LookupCursor.Encode(page.NextAfter));
    }
}
