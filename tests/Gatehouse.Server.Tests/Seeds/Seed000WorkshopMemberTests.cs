using System.Net;
using Gatehouse.Core.Audit;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 000 (ConnectedWorkshop) user management: taking someone out of a workshop keeps their account, a basic user
/// sees every control off, and a workshop manager sees and filters the members of their own workshops only.
/// </summary>
public sealed class Seed000WorkshopMemberTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RemovalFromWorkshop_KeepsAccount(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin), At("manager", hamburg)]);
        var berlinOnly = await app.SeedMemberAsync(org, MembersApi.Email("mgr2"), [At("manager", berlin)]);
        var tech = await app.SeedMemberAsync(org, MembersApi.Email("tech"), [At("basic", berlin), At("basic", hamburg)]);

        // A manager of Berlin alone cannot take the technician out of Hamburg.
        await (await berlinOnly.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");

        var row = await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{berlin}"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([("basic", (Guid?)hamburg)], GrantsOf(row));
        Assert.Empty(await tech.Client.EffectiveAsync(org, tech.MemberId, berlin));
        Assert.Contains("vehicles.view", await tech.Client.EffectiveAsync(org, tech.MemberId, hamburg));

        // Out of the last workshop too: the membership and the account stay.
        await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(await app.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == tech.UserId)));
        Assert.True(await app.InDatabaseAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.Id == tech.MemberId)));
        Assert.Equal(2, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == org && a.Action == AuditActions.MemberRemovedFromScope)));
        // Out of every workshop the manager sees, the technician is out of their sight too (issue 11, item 6).
        await (await manager.Client.DeleteAsync(MembersApi.Path(org, $"/{tech.MemberId}/scopes/{hamburg}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_RowCapabilitiesAreAllFalse(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin)]);
        var basic = await app.SeedMemberAsync(org, MembersApi.Email("basic"), [At("basic", berlin)]);
        var colleague = await app.SeedMemberAsync(org, MembersApi.Email("col"), [At("basic", berlin)]);

        var rows = await basic.Client.AllRowsAsync(org);

        Assert.Equal(new[] { manager.MemberId, basic.MemberId, colleague.MemberId }.ToHashSet(), rows.Ids().ToHashSet());
        Assert.All(rows, r => Assert.True(MembersApi.NothingAllowed(r), r.ToString()));
        await (await basic.Client.PutAccessAsync(org, colleague.MemberId, Grants(("manager", berlin)))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        // The manager's own view of the same row has the controls enabled.
        var seen = await manager.Client.MemberAsync(org, colleague.MemberId);
        Assert.False(MembersApi.NothingAllowed(seen));
        Assert.Contains(berlin, seen.GetProperty("capabilities").GetProperty("removableFromScopes").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkshopManager_SeesOwnWorkshops_AndFiltersByWorkshopAndRights(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Denmark");
        var berlin = await app.CreateScopeAsync(org, "Berlin");
        var hamburg = await app.CreateScopeAsync(org, "Hamburg");
        var munich = await app.CreateScopeAsync(org, "Munich");
        var manager = await app.SeedMemberAsync(org, MembersApi.Email("mgr"), [At("manager", berlin), At("manager", hamburg)]);
        var inBerlin = await app.SeedMemberAsync(org, MembersApi.Email("b"), [At("basic", berlin)]);
        var inHamburg = await app.SeedMemberAsync(org, MembersApi.Email("h"), [At("manager", hamburg)]);
        var inMunich = await app.SeedMemberAsync(org, MembersApi.Email("m"), [At("basic", munich)]);

        var all = (await manager.Client.AllRowsAsync(org)).Ids();
        Assert.Equal(new[] { manager.MemberId, inBerlin.MemberId, inHamburg.MemberId }.ToHashSet(), all.ToHashSet());
        Assert.DoesNotContain(inMunich.MemberId, all);
        Assert.Equal(new[] { manager.MemberId, inBerlin.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org, $"scopeId={berlin}")).Ids().ToHashSet());
        Assert.Equal(new[] { manager.MemberId, inHamburg.MemberId }.ToHashSet(), (await manager.Client.AllRowsAsync(org, "role=manager")).Ids().ToHashSet());
        await (await manager.Client.GetAsync(MembersApi.Path(org, $"/{inMunich.MemberId}"))).ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }
}
