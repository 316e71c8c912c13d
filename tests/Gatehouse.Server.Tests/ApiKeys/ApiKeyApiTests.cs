using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.ApiKeys;

public sealed class ApiKeyApiTests(ServerPool servers)
{
    private static string Email() => $"k{Guid.NewGuid():N}@example.com";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiKey_IsPrefixed_StoredOnlyHashed_AndListedWithoutItsSecret(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var member = await app.SeedMemberAsync(organization, Email());

        var created = await (await member.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Laptop" })).ExpectAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetGuid();

        Assert.StartsWith("ghk_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);
        var stored = await app.InDatabaseAsync(db => db.ApiKeys.AsNoTracking().ToListAsync());
        Assert.Contains(stored, k => k.Id == id);
        Assert.DoesNotContain(stored, k => k.TokenHash.Contains(key, StringComparison.Ordinal) || k.Hint.Contains(key, StringComparison.Ordinal)
            || k.Name.Contains(key, StringComparison.Ordinal) || key.Contains(k.TokenHash, StringComparison.Ordinal));
        var listed = await (await app.ClientWithKey(key).GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetGuid() == id && key.StartsWith(k.GetProperty("hint").GetString()!, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RevokedKey_IsRefusedAtOnce(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var member = await app.SeedMemberAsync(organization, Email());
        var created = await (await member.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Script" })).ExpectAsync(HttpStatusCode.Created);
        var client = app.ClientWithKey(created.GetProperty("key").GetString()!);
        await (await client.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK); // remembered by the key cache now

        await (await member.Client.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        await (await member.Client.GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceAccountKey_ChecksInItsOwnOrganization_AndSeesNoOther(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("admin", null)]);
        var worker = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("member", null)]);
        var stranger = await app.SeedMemberAsync(other, Email(), [new GrantSpec("member", null)]);
        var created = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/service-accounts", new { name = "Shop backend", grants = new[] { new { roleKey = "viewer" } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("ghk_", key, StringComparison.Ordinal);
        var service = app.ClientWithKey(key);

        var answer = await (await service.PostAsJsonAsync($"/api/v1/organizations/{organization}/check", new { userId = worker.UserId, permission = "documents.edit" })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(answer.GetProperty("allowed").GetBoolean());
        await (await service.PostAsJsonAsync($"/api/v1/organizations/{other}/check", new { userId = stranger.UserId, permission = "documents.edit" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        await (await service.GetAsync($"/api/v1/organizations/{other}")).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        var visible = await (await service.GetAsync("/api/v1/organizations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([organization], visible.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceAccountKey_IsRevokedByWhoeverMayRemoveTheServiceAccount(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("admin", null)]);
        var viewer = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("viewer", null)]);
        var created = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/service-accounts", new { name = "Backend", grants = new[] { new { roleKey = "viewer" } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var service = app.ClientWithKey(created.GetProperty("key").GetString()!);
        var url = $"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}";
        await (await service.GetAsync($"/api/v1/organizations/{organization}")).ExpectAsync(HttpStatusCode.OK);

        await (await viewer.Client.DeleteAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await (await service.GetAsync($"/api/v1/organizations/{organization}")).ExpectAsync(HttpStatusCode.OK);
        await (await admin.Client.DeleteAsync(url)).ExpectAsync(HttpStatusCode.NoContent);

        await (await service.GetAsync($"/api/v1/organizations/{organization}")).ExpectProblemAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        var audit = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/audit-events?action=api_key.revoked")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(admin.UserId, Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("actor").GetProperty("userId").GetGuid());
        await (await admin.Client.DeleteAsync(url)).ExpectAsync(HttpStatusCode.NoContent);
        audit = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/audit-events?action=api_key.revoked")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(audit.GetProperty("items").EnumerateArray());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceAccount_CannotHoldMoreThanItsCreator(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var p1 = await app.CreateScopeAsync(organization, "P1");
        var p2 = await app.CreateScopeAsync(organization, "P2");
        var manager = await app.SeedMemberAsync(organization, Email(), [new GrantSpec("manager", p1)]);
        var url = $"/api/v1/organizations/{organization}/service-accounts";

        await (await manager.Client.PostAsJsonAsync(url, new { name = "Too much", grants = new[] { new { roleKey = "admin", scopeId = (Guid?)p1 } } })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await manager.Client.PostAsJsonAsync(url, new { name = "Elsewhere", grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)p2 } } })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await manager.Client.PostAsJsonAsync(url, new { name = "Everything", fullAccess = true })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organization)));

        await (await manager.Client.PostAsJsonAsync(url, new { name = "Fits", grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)p1 } } })).ExpectAsync(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServiceAccount_TakesNoSeat(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync(seatLimit: 1);
        await app.SeedMemberAsync(organization, Email(), [new GrantSpec("admin", null)]);
        var seats = $"/api/v1/organizations/{organization}/seats";
        Assert.Equal(1, (await (await app.Operator.GetAsync(seats)).ExpectAsync(HttpStatusCode.OK)).GetProperty("used").GetInt32());

        await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/service-accounts", new { name = "Backend", grants = new[] { new { roleKey = "viewer" } } }))
            .ExpectAsync(HttpStatusCode.Created);

        var after = await (await app.Operator.GetAsync(seats)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, after.GetProperty("used").GetInt32());
        Assert.Equal(0, after.GetProperty("free").GetInt32());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Command_ApiKeyCreate_PrintsAKeyThatWorks(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = Email();
        var member = await app.SeedMemberAsync(organization, email);

        var (exit, output) = await RunGatehouseAsync("api-key", "create", "--email", email.ToUpperInvariant(), "--name", "From the command",
            "--database", store, "--connection-string", app.ConnectionString);

        Assert.True(exit == 0, output);
        var key = Assert.Single(output.Split('\n').Select(l => l.Trim()), l => l.StartsWith("ghk_", StringComparison.Ordinal));
        var keys = await (await app.ClientWithKey(key).GetAsync("/api/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "From the command" && k.GetProperty("userId").GetGuid() == member.UserId);

        var (unknownExit, unknownOutput) = await RunGatehouseAsync("api-key", "create", "--email", Email(), "--database", store, "--connection-string", app.ConnectionString);
        Assert.Equal(1, unknownExit);
        Assert.DoesNotContain("ghk_", unknownOutput, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Command_ApiKeyCreate_ForAServiceAccount_StaysBoundToItsOrganization_AndIsAudited(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var created = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/service-accounts",
            new { name = "Backend", grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).ExpectAsync(HttpStatusCode.Created);
        var serviceUser = created.GetProperty("userId").GetGuid();
        var email = await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == serviceUser).Select(u => u.Email).SingleAsync());

        var (exit, output) = await RunGatehouseAsync("api-key", "create", "--email", email, "--database", store, "--connection-string", app.ConnectionString);

        Assert.True(exit == 0, output);
        var key = Assert.Single(output.Split('\n').Select(l => l.Trim()), l => l.StartsWith("ghk_", StringComparison.Ordinal));
        using var backend = app.ClientWithKey(key);
        await (await backend.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
        await (await backend.GetAsync($"/api/v1/organizations/{other}/scopes")).ExpectProblemAsync(HttpStatusCode.NotFound, "organization_not_found");
        var audited = await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "api_key.created" && a.ActorName == "gatehouse command"));
        Assert.Equal(1, audited);
    }

    private static Task<(int Exit, string Output)> RunGatehouseAsync(params string[] args) => GatehouseCommand.RunAsync(args);
}
