using System.Net;
using System.Net.Http.Json;
using Gatehouse.Application.Access;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Gatehouse.Server.Tests.Members.DirectorySeed;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// Two nodes on one PostgreSQL: a change made through one is announced with what it touched, and the other brings the
/// organization it holds up to date by reading only that (no full compile), equal to a fresh compile of the database.
/// SQLite has one node, so these run on PostgreSQL only.
/// </summary>
public sealed class OtherNodeCatchUpTests
{
    [Fact]
    public async Task WritesOfEveryKindOnOneNode_AreCaughtUpOnTheOther_WithoutCompilingItWhole()
    {
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var s = await SeedDirectoryAsync(first);
        var cache = await LoadedAsync(second, s.Org);
        var (compiles, catchUps) = (cache.FullCompiles, cache.CatchUps);
        var admin = s.People["anna"].Client;
        var organization = $"/api/v1/organizations/{s.Org}";

        await (await admin.PutAccessAsync(s.Org, s.People["ben"].MemberId, new[] { new { roleKey = "member", scopeId = (Guid?)s.P2 } })).ExpectAsync(HttpStatusCode.OK);
        await AssertCaughtUpAsync(second, s.Org);
        var p3 = await first.CreateScopeAsync(s.Org, "Project Three", s.P1A);
        await AssertCaughtUpAsync(second, s.Org);
        await (await admin.PatchAsJsonAsync($"{organization}/scopes/{p3}", new { parentId = s.P2 })).ExpectAsync(HttpStatusCode.OK);
        await AssertCaughtUpAsync(second, s.Org);
        await (await admin.PostAsJsonAsync($"{organization}/roles", new { name = "Reviewer", permissions = new[] { "documents.view", "documents.edit" } })).ExpectAsync(HttpStatusCode.Created);
        await AssertCaughtUpAsync(second, s.Org);
        await (await admin.PostAsync($"{organization}/members/{s.People["dan"].MemberId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        await AssertCaughtUpAsync(second, s.Org);
        await (await first.Operator.PutAsJsonAsync($"{organization}/members/{s.People["cara"].MemberId}/details",
            new { firstName = "Caroline", lastName = "Cole", phone = (string?)null })).ExpectAsync(HttpStatusCode.OK);
        var renamed = await AssertCaughtUpAsync(second, s.Org);
        Assert.Equal("Caroline Cole", renamed.FindMember(s.People["cara"].MemberId)!.Entry.Name);
        await (await admin.DeleteAsync($"{organization}/members/{s.People["gus"].MemberId}")).ExpectAsync(HttpStatusCode.NoContent);
        await AssertCaughtUpAsync(second, s.Org);
        await (await admin.DeleteAsync($"{organization}/scopes/{s.P1A}")).ExpectAsync(HttpStatusCode.NoContent);
        var last = await AssertCaughtUpAsync(second, s.Org);

        Assert.Null(last.FindMember(s.People["gus"].MemberId));
        Assert.Equal(compiles, cache.FullCompiles);
        Assert.True(cache.CatchUps >= catchUps + 8, $"{cache.CatchUps - catchUps} catch-ups for 8 writes");
    }

    [Fact]
    public async Task WritesAlternatingBetweenNodes_PatchWhatEachNodeKept_UnderTheOrganizationsLock()
    {
        // Behind a load balancer, consecutive writes to one organization land on different nodes: each finds the
        // organization changed by the other, and brings it up to date inside its own write instead of compiling it whole.
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var s = await SeedDirectoryAsync(first);
        var (one, two) = (await LoadedAsync(first, s.Org), await LoadedAsync(second, s.Org));
        var (compilesOne, compilesTwo) = (one.FullCompiles, two.FullCompiles);
        var nodes = new[] { first.Operator, second.Operator };
        Guid?[] places = [s.P1, s.P2, s.P1A, null];

        for (var i = 0; i < places.Length; i++)
        {
            await (await nodes[i % 2].PutAccessAsync(s.Org, s.People["fay"].MemberId, new[] { new { roleKey = "member", scopeId = places[i] } })).ExpectAsync(HttpStatusCode.OK);
        }

        var onFirst = await AssertCaughtUpAsync(first, s.Org);
        await AssertCaughtUpAsync(second, s.Org);
        Assert.Equal([null], onFirst.FindMember(s.People["fay"].MemberId)!.Grants.Select(g => g.ScopeId));
        Assert.Equal((compilesOne, compilesTwo), (one.FullCompiles, two.FullCompiles));
    }

    [Fact]
    public async Task AVersionAnnouncedWithoutWhatItTouched_OrOneNeverAnnounced_IsCompiledWhole()
    {
        await using var first = await GatehouseApp.StartAsync("postgres");
        await using var second = GatehouseApp.AnotherNode(first);
        var s = await SeedDirectoryAsync(first);
        var cache = await LoadedAsync(second, s.Org);
        var compiles = cache.FullCompiles;

        // A change that names no parts (as an older node would announce it): the other node cannot tell what to read.
        await first.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE organizations SET access_version = access_version + 1 WHERE id = {s.Org}"));
        await ReadAgainAsync(cache, s.Org, compiles + 1); // nothing else changed: until the notification arrives, the node rightly answers as before
        await AssertCaughtUpAsync(second, s.Org);
        Assert.True(cache.FullCompiles == compiles + 1, $"{cache.FullCompiles - compiles} full compiles for a change that named no parts, where 1 was expected");

        // A version skipped (as if its notification were lost): what the next one touched is not all that changed.
        await first.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE organizations SET access_version = access_version + 2, access_change = {"m" + s.People["ben"].MemberId.ToString("N")} WHERE id = {s.Org}"));
        await ReadAgainAsync(cache, s.Org, compiles + 2);
        await AssertCaughtUpAsync(second, s.Org);
        Assert.True(cache.FullCompiles == compiles + 2, $"{cache.FullCompiles - compiles} full compiles after a version skipped, where 2 were expected");
        Assert.Null(await first.InDatabaseAsync(db => db.Organizations.Where(o => o.Id == s.Org).Select(o => EF.Property<string?>(o, AccessNotifications.ChangeProperty)).SingleAsync()));
    }

    /// <summary>The node's cache once it holds the organization (its listener listening first: its first connect forgets everything).</summary>
    private static async Task<AccessCache> LoadedAsync(GatehouseApp node, Guid organizationId)
    {
        await node.Services.GetServices<IHostedService>().OfType<AccessChangeListener>().Single().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var cache = node.Services.GetRequiredService<AccessCache>();
        await Eventually.ReadAsync(async () => { await cache.GetAsync(organizationId); return cache.Engine.Find(organizationId); }, o => o is not null);
        return cache;
    }

    /// <summary>Reads the organization on the node (as a check would) until it compiled it whole <paramref name="compiles"/> times in all.</summary>
    private static Task<long> ReadAgainAsync(AccessCache cache, Guid organizationId, long compiles) =>
        Eventually.ReadAsync(async () => { await cache.GetAsync(organizationId); return cache.FullCompiles; }, c => c >= compiles);

    /// <summary>Reads the organization on the node (as a check would) until it equals a fresh compile of the database; returns it.</summary>
    private static async Task<CompiledOrganization> AssertCaughtUpAsync(GatehouseApp node, Guid organizationId)
    {
        var cache = node.Services.GetRequiredService<AccessCache>();
        var (cached, fresh) = await Eventually.ReadAsync(async () =>
        {
            var cached = await cache.GetAsync(organizationId);
            using var scope = node.Services.CreateScope();
            var (snapshot, _) = (await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<GatehouseDb>(), organizationId, CancellationToken.None))!.Value;
            return (AccessCachePatchTests.Describe(cached!), AccessCachePatchTests.Describe(new CompiledOrganization(cache.Engine.Model, snapshot)));
        }, pair => pair.Item1 == pair.Item2);
        Assert.Equal(fresh, cached);
        return Assert.IsType<CompiledOrganization>(await cache.GetAsync(organizationId));
    }
}
