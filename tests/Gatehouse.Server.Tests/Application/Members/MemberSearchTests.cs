using Gatehouse.Application.Members;
using Gatehouse.Application.Work;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Application.Members;

/// <summary>
/// The member list's free-text search on PostgreSQL (the only store where a search has two ways to be answered): with
/// windows small enough for 700 members, common text is answered from the first window, text one member in ten holds
/// from a second window, and rare text from the trigram index; every way pages through exactly the rows, in exactly
/// the order, of walking the whole list.
/// </summary>
public sealed class MemberSearchTests
{
    private const int People = 700;

    [Theory]
    [InlineData("quad", MemberSort.Name, "Window", People / 4)]
    [InlineData("tenth", MemberSort.Name, "LargerWindow", People / 10)]
    [InlineData("zebra", MemberSort.Name, "Index", 2)]
    [InlineData("tenth", MemberSort.NameDescending, "LargerWindow", People / 10)]
    [InlineData("TENTH", MemberSort.Email, "LargerWindow", People / 10)]
    [InlineData("zebra", MemberSort.EmailDescending, "Index", 2)]
    public async Task Search_EachWay_PagesThroughTheSameRowsInTheSameOrder_AsWalkingTheWholeList(string text, MemberSort sort, string firstPage, int matches)
    {
        await using var host = await UseCaseHost.StartAsync("postgres");
        await SeedAsync(host);
        var ways = new List<SearchWay>();

        var searched = await WalkAsync(host, text, sort, new SearchWindows(50, 400, ways.Add, FromMemory: false));
        var whole = await WalkAsync(host, text, sort, new SearchWindows(int.MaxValue, int.MaxValue, FromMemory: false));

        Assert.Equal(matches, whole.Count);
        Assert.Equal(whole, searched);
        Assert.Equal(Enum.Parse<SearchWay>(firstPage), ways[0]);
    }

    /// <summary>Every page of the search, five rows a page, as member ids in the order given.</summary>
    private static async Task<List<Guid>> WalkAsync(UseCaseHost host, string text, MemberSort sort, SearchWindows windows)
    {
        var opened = (await host.RunAsync<OrganizationReads, Gatehouse.Application.Result<OpenedOrganization>>(
            async reads => await reads.OpenAsync(host.Owner, host.OrganizationId))).Value;
        var (visibility, _) = MemberVisibility.For(opened.Organization, opened.Policy);
        var filter = new MemberFilter(null, null, null, null, null, text, IncludeServiceAccounts: false);
        var ids = new List<Guid>();
        MemberCursor? after = null;
        await using var db = host.Db();
        do
        {
            var (rows, next) = await MemberDirectory.PageAsync(db, opened, visibility!, filter, sort, after, 5, windows, CancellationToken.None);
            ids.AddRange(rows.Select(r => r.Member.Id));
            after = next;
        }
        while (after is not null);
        return ids;
    }

    /// <summary>
    /// 700 people named "Person N0000" to "N0699" (in list order), their names marked "quad" for one in four, "tenth"
    /// for one in ten (the fifth of each ten) and "zebra" for two; the emails carry the marks too.
    /// </summary>
    private static async Task SeedAsync(UseCaseHost host)
    {
        await using var db = host.Db();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < People; i++)
        {
            var marks = (i % 4 == 0 ? "quad" : "") + (i % 10 == 5 ? "tenth" : "") + (i is 100 or 650 ? "zebra" : "");
            var user = new User(Guid.CreateVersion7(now), $"p{i:D4}{marks}@acme.test", "Person", $"N{i:D4}{marks}", now);
            db.Users.Add(user);
            db.Members.Add(new Member(Guid.CreateVersion7(now), host.OrganizationId, user.Id, now));
        }
        // Rows added behind the access cache's back: a new version makes every reader compile them.
        (await db.Organizations.SingleAsync(o => o.Id == host.OrganizationId)).BumpAccessVersion();
        await db.SaveChangesAsync();
    }
}
