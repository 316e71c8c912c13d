using Gatehouse.Application;
using Gatehouse.Application.Access;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Actor = Gatehouse.Application.Actor;
using Gatehouse.Core.Members;
using Gatehouse.Core.Organizations;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>
/// A search answered from the access cache (members found in memory, then read by id) gives exactly the pages of the
/// SQL path: the same rows in the same order with the same cursors, for every text order, the filters memory answers,
/// a viewer who may see only some members, names that order differently by UTF-16 and by code point, and equal names.
/// </summary>
public sealed class MemberSearchMemoryTests
{
    private const int People = 240;

    public static TheoryData<string, string, MemberSort, MemberStatus?, bool?, bool, bool> Cases()
    {
        var cases = new TheoryData<string, string, MemberSort, MemberStatus?, bool?, bool, bool>();
        foreach (var store in new[] { "sqlite", "postgres" })
        {
            foreach (var sort in new[] { MemberSort.Name, MemberSort.NameDescending, MemberSort.Email, MemberSort.EmailDescending })
            {
                cases.Add(store, "LENA", sort, null, null, false, false);
                cases.Add(store, "n01", sort, MemberStatus.Active, null, true, false);
                cases.Add(store, "same", sort, null, true, false, true);
            }
            cases.Add(store, "l", MemberSort.Name, MemberStatus.Deactivated, null, true, false);
            cases.Add(store, "ﬀ", MemberSort.Name, null, false, false, false);
            cases.Add(store, "lena", MemberSort.Email, null, null, true, true);
            cases.Add(store, "nobody-has-this", MemberSort.Name, null, null, false, false);
        }
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Memory_PagesLikeSql(string store, string text, MemberSort sort, MemberStatus? status, bool? fullAccess, bool services, bool scoped)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var viewer = await SeedAsync(host);
        var filter = new MemberFilter(null, null, null, status, fullAccess, text, services);
        var ways = new List<SearchWay>();

        var memory = await WalkAsync(host, scoped ? viewer : host.Owner, filter, sort, SearchWindows.Default with { Answered = ways.Add });
        var sql = await WalkAsync(host, scoped ? viewer : host.Owner, filter, sort, SearchWindows.Default with { FromMemory = false });

        Assert.All(ways, way => Assert.Equal(SearchWay.Memory, way));
        Assert.Equal(sql.Ids, memory.Ids);
        Assert.Equal(sql.Cursors, memory.Cursors);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Rename_ShowsInTheNextSearch(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        await SeedAsync(host);
        var filter = new MemberFilter(null, null, null, null, null, "zebrafish", false);
        await using var db = host.Db();
        var renamed = await db.Members.Where(m => m.OrganizationId == host.OrganizationId && !m.IsOwner).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        Assert.Empty((await WalkAsync(host, host.Owner, filter, MemberSort.Name, SearchWindows.Default)).Ids);
        var cache = await host.RunAsync<AccessCache, AccessCache>(Task.FromResult);
        var compiles = cache.FullCompiles;

        var changed = await host.RunAsync<ChangeMemberDetailsHandler, Gatehouse.Application.Result<MemberDto?>>(handler =>
            handler.HandleAsync(host.Owner, host.Origin, new ChangeMemberDetailsCommand(host.OrganizationId, renamed, "Zebrafish", "Renamed", null)));
        Assert.True(changed.Succeeded);
        // The organization was patched with the renamed member (the search index follows the patch), not compiled again.
        Assert.NotNull(cache.Engine.Find(host.OrganizationId)!.Derivation);
        Assert.Equal(compiles, cache.FullCompiles);

        var ways = new List<SearchWay>();
        var found = await WalkAsync(host, host.Owner, filter, MemberSort.Name, SearchWindows.Default with { Answered = ways.Add });
        Assert.Equal([renamed], found.Ids);
        Assert.Equal([SearchWay.Memory], ways);
        var byOldName = await WalkAsync(host, host.Owner, filter with { Text = "n0" }, MemberSort.Name, SearchWindows.Default);
        Assert.Equal((await WalkAsync(host, host.Owner, filter with { Text = "n0" }, MemberSort.Name, SearchWindows.Default with { FromMemory = false })).Ids, byOldName.Ids);
        Assert.DoesNotContain(renamed, byOldName.Ids);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmailChange_ShowsInTheNextSearch(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        await SeedAsync(host);
        var filter = new MemberFilter(null, null, null, null, null, "vic", false);
        var vic = host.Viewer.UserId!.Value;
        Assert.Single((await WalkAsync(host, host.Owner, filter, MemberSort.Email, SearchWindows.Default)).Ids);
        const string NewEmail = "zebrafish@elsewhere.test";
        var token = await host.RunAsync<UserManager<User>, string>(async users =>
            await users.GenerateChangeEmailTokenAsync((await users.FindByIdAsync(vic.ToString()))!, NewEmail));

        var verified = await host.RunAsync<VerifyEmailHandler, Result<VerifiedEmail>>(h => h.HandleAsync(host.Origin, new VerifyEmailCommand(vic, token, NewEmail)));
        Assert.True(verified.Succeeded, verified.ToString());

        var ways = new List<SearchWay>();
        var found = await WalkAsync(host, host.Owner, filter with { Text = "zebrafish@" }, MemberSort.Email, SearchWindows.Default with { Answered = ways.Add });
        Assert.Single(found.Ids);
        Assert.Equal([SearchWay.Memory], ways);
        Assert.Empty((await WalkAsync(host, host.Owner, filter with { Text = "vic@acme" }, MemberSort.Email, SearchWindows.Default)).Ids);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangesAfterAnIndexWasMade_SearchLikeSql(string store)
    {
        // Each change patches the compiled organization; the index of the next search is the earlier one patched too.
        await using var host = await UseCaseHost.StartAsync(store);
        await SeedAsync(host);
        var filter = new MemberFilter(null, null, null, null, null, "n0", IncludeServiceAccounts: true);
        await WalkAsync(host, host.Owner, filter, MemberSort.Name, SearchWindows.Default);
        await using var db = host.Db();
        var people = await db.Members.Where(m => m.OrganizationId == host.OrganizationId && !m.IsOwner && m.Status == MemberStatus.Active)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync();

        foreach (var member in people.Take(2))
        {
            var deactivated = await host.RunAsync<DeactivateMemberHandler, Result<MemberDto?>>(handler =>
                handler.HandleAsync(host.Owner, host.Origin, new DeactivateMemberCommand(host.OrganizationId, member)));
            Assert.True(deactivated.Succeeded, deactivated.ToString());
            await WalkAsync(host, host.Owner, filter, MemberSort.Email, SearchWindows.Default); // an index between the changes, and none after the last
        }
        var version = await db.Members.AsNoTracking().Where(m => m.Id == people[2]).Select(m => m.Version).SingleAsync();
        var full = await host.RunAsync<ReplaceMemberAccessHandler, Result<MemberDto?>>(handler =>
            handler.HandleAsync(host.Owner, host.Origin, new ReplaceMemberAccessCommand(host.OrganizationId, people[2], version, [], true, null)));
        Assert.True(full.Succeeded, full.ToString());

        foreach (var (changed, sort) in new[] { (filter with { Status = MemberStatus.Active }, MemberSort.Name), (filter with { FullAccess = true }, MemberSort.EmailDescending),
            (filter with { Status = MemberStatus.Deactivated }, MemberSort.NameDescending) })
        {
            var ways = new List<SearchWay>();
            var memory = await WalkAsync(host, host.Owner, changed, sort, SearchWindows.Default with { Answered = ways.Add });
            var sql = await WalkAsync(host, host.Owner, changed, sort, SearchWindows.Default with { FromMemory = false });
            Assert.All(ways, way => Assert.Equal(SearchWay.Memory, way));
            Assert.Equal(sql.Ids, memory.Ids);
            Assert.Equal(sql.Cursors, memory.Cursors);
        }
    }

    /// <summary>Every page, seven rows a page: the member ids in order and each page's next cursor.</summary>
    private static async Task<(List<Guid> Ids, List<MemberCursor?> Cursors)> WalkAsync(UseCaseHost host, Actor actor, MemberFilter filter, MemberSort sort, SearchWindows windows)
    {
        var opened = (await host.RunAsync<OrganizationReads, Gatehouse.Application.Result<OpenedOrganization>>(
            async reads => await reads.OpenAsync(actor, host.OrganizationId))).Value;
        var (visibility, _) = MemberVisibility.For(opened.Organization, opened.Policy);
        var ids = new List<Guid>();
        var cursors = new List<MemberCursor?>();
        MemberCursor? after = null;
        await using var db = host.Db();
        do
        {
            var (rows, next) = await MemberDirectory.PageAsync(db, opened, visibility!, filter, sort, after, 7, windows, CancellationToken.None);
            ids.AddRange(rows.Select(r => r.Member.Id));
            cursors.Add(next);
            after = next;
        }
        while (after is not null);
        return (ids, cursors);
    }

    /// <summary>
    /// People "N0000" to "N0239" with "lena" in one name in seven, first names that order differently by UTF-16 and by
    /// code point (𝔘 after ﬀ) and with case folding (Å), groups of equal names; every fifth deactivated, every eleventh
    /// with full access, every thirteenth a service account, every third with a grant at Berlin. Returns a viewer who
    /// may see only Berlin's members.
    /// </summary>
    private static async Task<Actor> SeedAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        var berlin = new Scope(Guid.CreateVersion7(now), host.OrganizationId, null, "Berlin");
        db.Scopes.Add(berlin);
        for (var i = 0; i < People; i++)
        {
            var first = (i % 40) switch { 3 => "Ålena", 13 => "lena𝔘", 23 => "lenaﬀ", 33 => "Lena\uFFFD", _ => "Person" };
            var last = i % 25 == 0 ? "Same Lena" : $"N{i:D4}" + (i % 7 == 0 ? "lena" : "");
            var user = new User(Guid.CreateVersion7(now), $"p{i:D4}{(i % 6 == 0 ? "lena" : "")}@acme.test", first, last, now,
                i % 13 == 0 ? UserKind.ServiceAccount : UserKind.Person);
            db.Users.Add(user);
            var member = new Member(Guid.CreateVersion7(now), host.OrganizationId, user.Id, now, hasFullAccess: i % 11 == 0);
            if (i % 5 == 0)
            {
                member.Deactivate(now);
            }
            db.Members.Add(member);
            if (i % 3 == 0)
            {
                db.Grants.Add(new Grant(Guid.CreateVersion7(now), host.OrganizationId, member.Id, "member", berlin.Id));
            }
        }
        var scopedUser = new User(Guid.CreateVersion7(now), "berlin-viewer@acme.test", "Berta", "Berlin", now);
        db.Users.Add(scopedUser);
        var scopedMember = new Member(Guid.CreateVersion7(now), host.OrganizationId, scopedUser.Id, now);
        db.Members.Add(scopedMember);
        db.Grants.Add(new Grant(Guid.CreateVersion7(now), host.OrganizationId, scopedMember.Id, "admin", berlin.Id));
        // Rows added behind the access cache's back: a new version makes every reader compile them.
        (await db.Organizations.SingleAsync(o => o.Id == host.OrganizationId)).BumpAccessVersion();
        await db.SaveChangesAsync();
        return new Actor(ActorType.Person, scopedUser.Id, scopedUser.DisplayName, IsPlatformOperator: false);
    }
}
