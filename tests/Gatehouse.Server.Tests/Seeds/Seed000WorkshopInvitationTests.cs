using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 000 (ConnectedWorkshop): invite to workshops, the pending list, revoke only with manager rights in every workshop of the invitation.</summary>
public sealed class Seed000WorkshopInvitationTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ManagerInvitesColleagueToTwoWorkshops_AndThePendingListShowsWhoWhenAndUntilWhen(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var market = await app.CreateOrganizationAsync("Market DE");
        var berlin = await app.CreateScopeAsync(market, "Berlin");
        var hamburg = await app.CreateScopeAsync(market, "Hamburg");
        var manager = await app.SeedMemberAsync(market, InvitationSupport.NewEmail("mia"), [new GrantSpec("manager", berlin), new GrantSpec("manager", hamburg)], firstName: "Mia", lastName: "Manager");
        var colleague = InvitationSupport.NewEmail("colleague");

        var created = await manager.Client.InviteAsync(market, [colleague], [new GrantSpec("basic", berlin), new GrantSpec("basic", hamburg)]);
        var sentAt = created[0].GetProperty("sentAt").GetDateTimeOffset();

        var list = await (await manager.Client.GetAsync($"/api/v1/organizations/{market}/invitations")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(colleague, row.GetProperty("email").GetString());
        Assert.Equal("Mia Manager", row.GetProperty("invitedBy").GetProperty("name").GetString());
        Assert.Equal(manager.MemberId, row.GetProperty("invitedBy").GetProperty("memberId").GetGuid());
        Assert.Equal(sentAt, row.GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(sentAt.AddDays(7), row.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("pending", row.GetProperty("status").GetString());
        Assert.Equal(["Berlin", "Hamburg"], row.GetProperty("grants").EnumerateArray().Select(g => g.GetProperty("scopeName").GetString()).Order());
        Assert.All(row.GetProperty("grants").EnumerateArray(), g => Assert.Equal("Basic rights", g.GetProperty("roleName").GetString()));
        Assert.True(row.GetProperty("capabilities").GetProperty("revoke").GetBoolean());
        Assert.True(row.GetProperty("capabilities").GetProperty("resend").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revoke_NeedsManagerRightsInEveryWorkshopOfTheInvitation(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var market = await app.CreateOrganizationAsync("Market FR");
        var a = await app.CreateScopeAsync(market, "Paris");
        var b = await app.CreateScopeAsync(market, "Lyon");
        var c = await app.CreateScopeAsync(market, "Nice");
        var managerAc = await app.SeedMemberAsync(market, InvitationSupport.NewEmail("ac"), [new GrantSpec("manager", a), new GrantSpec("manager", c)]);
        var managerAb = await app.SeedMemberAsync(market, InvitationSupport.NewEmail("ab"), [new GrantSpec("manager", a), new GrantSpec("manager", b)]);
        var created = await managerAc.Client.InviteAsync(market, [InvitationSupport.NewEmail()], [new GrantSpec("basic", a), new GrantSpec("basic", c)]);
        var id = created[0].GetProperty("id").GetGuid();

        var seenByAb = await (await managerAb.Client.GetAsync($"/api/v1/organizations/{market}/invitations")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(seenByAb.GetProperty("items").EnumerateArray());
        Assert.False(row.GetProperty("capabilities").GetProperty("revoke").GetBoolean());
        var refused = await managerAb.Client.PostAsync($"/api/v1/organizations/{market}/invitations/{id}/revoke", null);
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Contains("Nice", problem.GetProperty("detail").GetString());
        await (await managerAb.Client.PostAsync($"/api/v1/organizations/{market}/invitations/{id}/resend", null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");

        var revoked = await (await managerAc.Client.PostAsync($"/api/v1/organizations/{market}/invitations/{id}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        var pending = await (await managerAc.Client.GetAsync($"/api/v1/organizations/{market}/invitations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, pending.GetProperty("items").GetArrayLength());
        await (await managerAc.Client.PostAsync($"/api/v1/organizations/{market}/invitations/{id}/revoke", null)).ExpectProblemAsync(HttpStatusCode.Conflict, "invitation_closed");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BasicUser_SeesNoInviteRight_AndCannotInvite(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var market = await app.CreateOrganizationAsync("Market IT");
        var rome = await app.CreateScopeAsync(market, "Rome");
        var milan = await app.CreateScopeAsync(market, "Milan");
        var manager = await app.SeedMemberAsync(market, InvitationSupport.NewEmail("m"), [new GrantSpec("manager", rome), new GrantSpec("manager", milan)]);
        var basic = await app.SeedMemberAsync(market, InvitationSupport.NewEmail("b"), [new GrantSpec("basic", rome)]);
        await manager.Client.InviteAsync(market, [InvitationSupport.NewEmail()], [new GrantSpec("basic", milan)]);
        await manager.Client.InviteAsync(market, [InvitationSupport.NewEmail()], [new GrantSpec("basic", rome)]);

        var seen = await (await basic.Client.GetAsync($"/api/v1/organizations/{market}/invitations")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(seen.GetProperty("items").EnumerateArray());
        Assert.Equal("Rome", row.GetProperty("grants")[0].GetProperty("scopeName").GetString());
        Assert.False(row.GetProperty("capabilities").GetProperty("revoke").GetBoolean());
        Assert.False(row.GetProperty("capabilities").GetProperty("resend").GetBoolean());

        var invite = await basic.Client.PostInvitationAsync(market, [InvitationSupport.NewEmail()], [new GrantSpec("basic", rome)]);
        await invite.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
    }
}
