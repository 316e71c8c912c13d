using System.Net;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Lookups;

/// <summary>Calls of the lookups that the lookup tests share.</summary>
internal static class LookupPages
{
    /// <summary>The path of a lookup of an organization, with its query.</summary>
    public static string Path(Guid organizationId, string kind, string query) => $"/api/v1/organizations/{organizationId}/lookups/{kind}?{query}";

    /// <summary>Every item of a lookup, walking its pages of <paramref name="limit"/>; also how many pages it took.</summary>
    public static async Task<(List<JsonElement> Items, int Pages)> AllAsync(HttpClient client, Guid organizationId, string kind, string query, int limit = 50)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync(Path(organizationId, kind, $"{query}&limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))))
                .ExpectAsync(HttpStatusCode.OK);
            pages++;
            Assert.True(page.GetProperty("items").GetArrayLength() <= limit);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && pages < 1000);
        return (items, pages);
    }

    /// <summary>The ids (scope id for places, membership id for people) in the order given.</summary>
    public static List<Guid> Ids(this IEnumerable<JsonElement> items, string property) => [.. items.Select(i => i.GetProperty(property).GetGuid())];

    /// <summary>The ids ascending, as the lookups order them.</summary>
    public static List<Guid> InIdOrder(params IEnumerable<Guid> ids) => [.. ids.Order()];
}
