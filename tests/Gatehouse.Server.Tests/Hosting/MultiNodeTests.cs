using System.Net;
using System.Net.Http.Json;
using Gatehouse.Application.Access;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Two server nodes on one PostgreSQL: a change through one is seen by the other's access cache.</summary>
public sealed class MultiNodeTests
{
    [Fact]
    public async Task ChangeOnOneNode_ReachesTheOtherNodesCache_ThroughNotifications()
    {
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var organization = await first.CreateOrganizationAsync("Shared");
        await first.CreateScopeAsync(organization, "Berlin");

        // The second node compiles the organization into its cache.
        var before = await (await second.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(before.EnumerateArray());

        await first.CreateScopeAsync(organization, "Hamburg");

        var names = await Eventually.ReadAsync(async () =>
        {
            var scopes = await (await second.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
            return scopes.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        }, names => names.Count == 2);
        Assert.Equal(["Berlin", "Hamburg"], names);
    }

    [Fact]
    public async Task AccountChangeOnOneNode_ReachesTheOtherNodesCache_ThroughTheAccessVersionTrigger()
    {
        // A change of a person's details moves the access version of each of their organizations and sends no
        // notification itself: the trigger on organizations.access_version (migration 0013) does.
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var organization = await first.CreateOrganizationAsync("Shared");
        var member = await first.SeedMemberAsync(organization, $"renamed-{Guid.NewGuid():N}@example.com", [new GrantSpec("member", null)], firstName: "Old", lastName: "Name");
        var cache = second.Services.GetRequiredService<AccessCache>();
        await Eventually.ReadAsync(async () =>
        {
            await (await second.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
            return cache.Engine.Find(organization)?.FindMember(member.MemberId)?.Entry.Name;
        }, name => name == "Old Name");

        await (await first.Operator.PutAsJsonAsync($"/api/v1/organizations/{organization}/members/{member.MemberId}/details",
            new { firstName = "New", lastName = "Name", phone = (string?)null })).ExpectAsync(HttpStatusCode.OK);

        var name = await Eventually.ReadAsync(async () =>
        {
            await (await second.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
            return cache.Engine.Find(organization)?.FindMember(member.MemberId)?.Entry.Name;
        }, name => name == "New Name");
        Assert.Equal("New Name", name);
    }

    [Fact]
    public async Task KeyRevokedOnOneNode_IsRefusedByTheOtherNode()
    {
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var created = await (await first.Operator.PostAsJsonAsync("/api/v1/api-keys", new { name = "laptop" })).ExpectAsync(HttpStatusCode.Created);
        using var onSecond = second.ClientWithKey(created.GetProperty("key").GetString()!);
        await (await onSecond.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK); // the second node now remembers the key

        await (await first.Operator.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.NoContent);

        var status = await Eventually.ReadAsync(async () => (await onSecond.GetAsync("/api/v1/me")).StatusCode, s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
