using Gatehouse.AspNetCore;
using Gatehouse.Client;

namespace ConnectedWorkshop;

/// <summary>The workshops a person may use: Gatehouse's places where they hold <see cref="Features.SeeWorkshop"/>.</summary>
/// <param name="OrganizationWide">True when they hold it on the organization itself (every workshop, also later ones).</param>
/// <param name="Items">The workshops, by name.</param>
public sealed record MyWorkshops(bool OrganizationWide, IReadOnlyList<PlaceDto> Items)
{
    /// <summary>Looks them up as the person (about themself), page by page.</summary>
    public static async Task<MyWorkshops> LookUpAsync(IGatehouseSession session, string permission, CancellationToken cancellationToken)
    {
        var who = session.Identity ?? throw new InvalidOperationException("Nobody is signed in.");
        var client = await session.CreateClientAsync();
        var places = new List<PlaceDto>();
        string? cursor = null;
        bool everywhere;
        do
        {
            var page = await client.LookUpPlacesAsync(who.OrganizationId, who.UserId, permission, cursor, limit: 200, cancellationToken);
            everywhere = page.OrganizationWide;
            places.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return new MyWorkshops(everywhere, [.. places.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)]);
    }

    /// <summary>True when the person holds it anywhere.</summary>
    public bool Any => OrganizationWide || Items.Count > 0;
}
