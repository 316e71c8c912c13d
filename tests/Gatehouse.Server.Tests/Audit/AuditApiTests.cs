using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Audit;

public sealed class AuditApiTests(ServerPool servers)
{
    private static string Email() => $"a{Guid.NewGuid():N}@example.com";

    private static async Task<List<JsonElement>> AllPagesAsync(HttpClient client, string url, int limit)
    {
        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await (await client.GetAsync($"{url}{separator}limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"))
                .ExpectAsync(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= limit);
            events.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return events;
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AuditEvents_AreFilteredAndPaged_NewestFirst(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Audited");
        var admin = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("admin", null)]);
        var first = await app.CreateScopeAsync(organization, "First");
        await app.CreateScopeAsync(organization, "Second");
        await (await app.Operator.PatchAsJsonAsync($"/api/v1/organizations/{organization}/scopes/{first}", new { name = "Renamed" })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/scopes", new { name = "By the admin" })).ExpectAsync(HttpStatusCode.Created);
        var service = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/service-accounts", new { name = "Backend", grants = new[] { new { roleKey = "viewer" } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var serviceUser = service.GetProperty("userId").GetGuid();
        var serviceMember = await app.InDatabaseAsync(db => db.Members.Where(m => m.UserId == serviceUser).Select(m => m.Id).SingleAsync());
        var url = $"/api/v1/organizations/{organization}/audit-events";

        var all = await AllPagesAsync(admin.Client, url, limit: 2);
        Assert.Equal(
            ["service_account.created", "scope.created", "scope.renamed", "scope.created", "scope.created", "organization.created"],
            all.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(all.Count, all.Select(e => e.GetProperty("id").GetGuid()).Distinct().Count());
        var times = all.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var renamed = Assert.Single(await AllPagesAsync(admin.Client, $"{url}?action=scope.renamed", 50));
        Assert.Equal(JsonValueKind.Object, renamed.GetProperty("before").ValueKind);
        Assert.Equal("First", renamed.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("Renamed", renamed.GetProperty("after").GetProperty("name").GetString());
        Assert.Equal("scope", renamed.GetProperty("targetType").GetString());
        Assert.Equal(first.ToString(), renamed.GetProperty("targetId").GetString());
        Assert.Equal("Paula Operator", renamed.GetProperty("actor").GetProperty("name").GetString());

        Assert.Equal(4, (await AllPagesAsync(admin.Client, $"{url}?action=scope.", 50)).Count);
        Assert.Empty(await AllPagesAsync(admin.Client, $"{url}?action=scope", 50));
        var byAdmin = await AllPagesAsync(admin.Client, $"{url}?actorUserId={admin.UserId}", 50);
        Assert.Equal(["service_account.created", "scope.created"], byAdmin.Select(e => e.GetProperty("action").GetString()));
        Assert.All(byAdmin, e => Assert.Equal(admin.UserId, e.GetProperty("actor").GetProperty("userId").GetGuid()));
        var aboutMember = Assert.Single(await AllPagesAsync(admin.Client, $"{url}?targetMemberId={serviceMember}", 50));
        Assert.Equal("service_account.created", aboutMember.GetProperty("action").GetString());

        var middle = times[2];
        var since = await AllPagesAsync(admin.Client, $"{url}?from={Uri.EscapeDataString(middle.ToString("O"))}", 50);
        Assert.All(since, e => Assert.True(e.GetProperty("occurredAt").GetDateTimeOffset() >= middle));
        Assert.Contains(since, e => e.GetProperty("id").GetGuid() == all[2].GetProperty("id").GetGuid());
        var before = await AllPagesAsync(admin.Client, $"{url}?to={Uri.EscapeDataString(middle.ToString("O"))}", 50);
        Assert.All(before, e => Assert.True(e.GetProperty("occurredAt").GetDateTimeOffset() < middle));
        Assert.Equal(all.Count, since.Count + before.Count);
        Assert.Empty(await AllPagesAsync(admin.Client, $"{url}?from=2100-01-01T00:00:00Z", 50));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AuditEvents_RefuseBadFilters(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var url = $"/api/v1/organizations/{organization}/audit-events";

        await (await app.Operator.GetAsync($"{url}?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await app.Operator.GetAsync($"{url}?limit=201")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await app.Operator.GetAsync($"{url}?cursor=not-a-cursor")).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        var badTime = await (await app.Operator.GetAsync($"{url}?from=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badTime.GetProperty("errors").TryGetProperty("from", out _));
        await (await app.Operator.GetAsync($"{url}?actorUserId=12")).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        await (await app.Operator.GetAsync($"{url}?action={new string('x', 101)}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AuditEvents_NeedAuditView(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var manager = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("manager", null)]);
        var admin = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("admin", null)]);
        var outsider = await app.SeedMemberAsync(other, Email(), [new GrantSpec("admin", null)]);
        var url = $"/api/v1/organizations/{organization}/audit-events";

        await (await manager.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await outsider.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        await (await admin.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PlatformAuditEvents_AreForOperators(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var member = await app.SeedMemberAsync(organization, Email(), fullAccess: true);
        var key = await (await member.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Laptop" })).ExpectAsync(HttpStatusCode.Created);

        var events = await AllPagesAsync(app.Operator, $"/api/v1/platform/audit-events?actorUserId={member.UserId}", 50);
        var created = Assert.Single(events);
        Assert.Equal("api_key.created", created.GetProperty("action").GetString());
        Assert.Equal(key.GetProperty("id").GetGuid().ToString(), created.GetProperty("targetId").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("organizationId").ValueKind);
        Assert.DoesNotContain(events, e => e.GetProperty("action").GetString() == "organization.created");

        await (await member.Client.GetAsync("/api/v1/platform/audit-events")).ExpectProblemAsync(HttpStatusCode.Forbidden, "platform_operator_required");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApi_DescribesChecksAuditAndPlatformEndpoints(string store)
    {
        var app = await servers.GetAsync(store);
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/v1/organizations/{organizationId}/check", "post"),
            ("/api/v1/organizations/{organizationId}/check", "get"),
            ("/api/v1/organizations/{organizationId}/check/batch", "post"),
            ("/api/v1/organizations/{organizationId}/explain", "post"),
            ("/api/v1/organizations/{organizationId}/audit-events", "get"),
            ("/api/v1/platform/audit-events", "get"),
            ("/api/v1/platform/users", "get"),
            ("/api/v1/platform/users/{userId}", "delete"),
        })
        {
            var operation = default(JsonElement);
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out operation), $"{method} {path} is not described.");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('4')), $"{method} {path} names no error response.");
        }
    }
}
