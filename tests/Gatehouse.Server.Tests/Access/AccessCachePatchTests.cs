using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Access;
using Gatehouse.Data;
using Gatehouse.Server.Access;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Gatehouse.Server.Tests.Members.DirectorySeed;
using Gatehouse.Application.Access;

namespace Gatehouse.Server.Tests.Access;

/// <summary>
/// A write that changes access patches the cached organization (only what it touched is compiled again) instead
/// of forgetting it, and the patched organization answers exactly like a fresh compile of the database.
/// </summary>
public sealed class AccessCachePatchTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AccessChange_PatchesTheCachedOrganization_AndItsOwnNotificationKeepsIt(string store)
    {
        // A server of its own: the count of full compiles would also see other tests' organizations on a shared one.
        await using var app = await GatehouseApp.StartAsync(store);
        var (s, cache, before, compiles) = await LoadedAsync(app);
        var ben = s.People["ben"].MemberId;

        await (await s.People["anna"].Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P2 } })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(500); // PostgreSQL delivers the write's own notification meanwhile
        await (await s.People["anna"].Client.PutAccessAsync(s.Org, ben, new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 } })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(500);

        var patched = Assert.IsType<CompiledOrganization>(cache.Engine.Find(s.Org));
        Assert.NotSame(before, patched);
        Assert.True(patched.EffectivePermissions(ben, s.P1, TimeProvider.System).Contains(patched.Model.Catalog.Resolve("documents.edit")));
        Assert.Equal(compiles, cache.FullCompiles);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NameChange_PatchesTheCachedOrganization_AndItsOwnNotificationKeepsIt(string store)
    {
        // A change of the person's account moves the version through the trigger, not through OrganizationWork: the node
        // that made it still holds the version announced, so its own notification forgets nothing.
        await using var app = await GatehouseApp.StartAsync(store);
        var (s, cache, _, compiles) = await LoadedAsync(app);
        var ben = s.People["ben"].MemberId;

        await (await app.Operator.PutAsJsonAsync($"/api/v1/organizations/{s.Org}/members/{ben}/details",
            new { firstName = "Benedikt", lastName = "Renamed", phone = (string?)null })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(500); // PostgreSQL delivers the change's own notification meanwhile

        var patched = Assert.IsType<CompiledOrganization>(cache.Engine.Find(s.Org));
        Assert.NotNull(patched.Derivation);
        Assert.Equal("Benedikt Renamed", patched.FindMember(ben)!.Entry.Name);
        Assert.Equal(compiles, cache.FullCompiles);
        await AssertFreshAsync(app, cache.Engine, s.Org);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WritesOfEveryKind_LeaveTheCachedOrganization_EqualToAFreshCompile(string store)
    {
        var app = await servers.GetAsync(store);
        var s = await SeedDirectoryAsync(app);
        var admin = s.People["anna"].Client;
        var engine = app.Services.GetRequiredService<AccessCache>().Engine;
        var organization = $"/api/v1/organizations/{s.Org}";
        await admin.MemberAsync(s.Org, s.People["ben"].MemberId);

        await (await admin.PutAccessAsync(s.Org, s.People["ben"].MemberId, new[] { new { roleKey = "member", scopeId = (Guid?)s.P1 }, new { roleKey = "viewer", scopeId = (Guid?)null } })).ExpectAsync(HttpStatusCode.OK);
        await AssertFreshAsync(app, engine, s.Org);
        var p3 = await app.CreateScopeAsync(s.Org, "Project Three", s.P1A);
        await AssertFreshAsync(app, engine, s.Org);
        await (await admin.PatchAsJsonAsync($"{organization}/scopes/{p3}", new { parentId = s.P2 })).ExpectAsync(HttpStatusCode.OK);
        await AssertFreshAsync(app, engine, s.Org);
        await (await admin.PostAsJsonAsync($"{organization}/roles", new { name = "Reviewer", permissions = new[] { "documents.view", "documents.edit" } })).ExpectAsync(HttpStatusCode.Created);
        await AssertFreshAsync(app, engine, s.Org);
        await (await admin.PostAsync($"{organization}/members/{s.People["dan"].MemberId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        await AssertFreshAsync(app, engine, s.Org);
        await (await admin.DeleteAsync($"{organization}/members/{s.People["gus"].MemberId}")).ExpectAsync(HttpStatusCode.NoContent);
        await AssertFreshAsync(app, engine, s.Org);
        await (await admin.DeleteAsync($"{organization}/scopes/{s.P1A}")).ExpectAsync(HttpStatusCode.NoContent);
        await AssertFreshAsync(app, engine, s.Org);
    }

    /// <summary>The directory seeded on a server of the test's own, its organization loaded into the cache, and the full compiles so far.</summary>
    private static async Task<(Seeded Seeded, AccessCache Cache, CompiledOrganization Loaded, long Compiles)> LoadedAsync(GatehouseApp app)
    {
        // The listener's first connect forgets every loaded organization; a load before it would be forgotten.
        await app.Services.GetServices<IHostedService>().OfType<AccessChangeListener>().Single().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var s = await SeedDirectoryAsync(app);
        var cache = app.Services.GetRequiredService<AccessCache>();
        // Loads the organization; the seed's last notification may still arrive during that load and keep it from
        // being installed, so ask until it is.
        var loaded = await Poll.UntilAsync(async () =>
        {
            await s.People["anna"].Client.MemberAsync(s.Org, s.People["ben"].MemberId);
            return cache.Engine.Find(s.Org);
        }, compiled => compiled is not null, "the organization loaded into the cache");
        return (s, cache, loaded!, cache.FullCompiles);
    }

    private static async Task AssertFreshAsync(GatehouseApp app, AccessEngine engine, Guid organizationId)
    {
        var cached = Assert.IsType<CompiledOrganization>(engine.Find(organizationId));
        using var scope = app.Services.CreateScope();
        var (snapshot, _) = (await SnapshotLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<GatehouseDb>(), organizationId, CancellationToken.None))!.Value;
        var fresh = new CompiledOrganization(engine.Model, snapshot);
        Assert.Equal(Describe(fresh), Describe(cached));
    }

    /// <summary>Everything a caller can read of a compiled organization, as text.</summary>
    /// <remarks>
    /// Every list is put in order here: the order of <see cref="CompiledOrganization.Scopes"/> is the order the
    /// scopes were first loaded in, which the database does not fix (PostgreSQL returns rows where they lie in the
    /// table), so two fresh compiles of the same data can list them differently, as can a patch and a fresh compile.
    /// </remarks>
    internal static string Describe(CompiledOrganization o)
    {
        Guid?[] targets = [null, .. o.Scopes.Select(s => (Guid?)s.Id).Order()];
        var members = o.Members.OrderBy(m => m.Entry.MemberId).Select(m =>
            $"{m.Entry} [{string.Join(", ", m.Grants.Select(g => $"{g.RoleKey}@{g.ScopeId}").Order(StringComparer.Ordinal))}] "
            + string.Join(" ", targets.Select(t => $"{t}:{string.Join(",", o.HeldPermissions(m, t).Indexes())}")));
        var roles = o.Roles.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Name} {string.Join(",", r.Permissions.Indexes())}");
        return string.Join("\n", [.. members, .. roles, .. o.Scopes.OrderBy(s => s.Id).Select(s => s.ToString()), $"owners {o.OwnerCount}"]);
    }
}
