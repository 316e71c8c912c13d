using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests;

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

        var names = await EventuallyAsync(async () =>
        {
            var scopes = await (await second.Operator.GetAsync($"/api/v1/organizations/{organization}/scopes")).ExpectAsync(HttpStatusCode.OK);
            return scopes.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        }, names => names.Count == 2);
        Assert.Equal(["Berlin", "Hamburg"], names);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }
}
