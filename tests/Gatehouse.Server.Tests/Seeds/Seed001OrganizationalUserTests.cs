using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using static Gatehouse.Server.Tests.Seeds.SeedMembers;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 001 (workshops): "In order to become an organizational user, you will need to be invited by another
/// organizational user with Manager rights." The new member is marked [ORG] and reaches every workshop,
/// existing and future; a workshop user is made organizational by an organizational manager only.
/// </summary>
public sealed class Seed001OrganizationalUserTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OnlyAnOrganizationalManager_InvitesAnOrganizationalUser_WhoReachesEveryWorkshop(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var denmark = await app.CreateOrganizationAsync("Denmark");
        var aarhus = await app.CreateScopeAsync(denmark, "Aarhus");
        var workshopManager = await app.SeedMemberAsync(denmark, InvitationSupport.NewEmail("workshop-manager"), [new GrantSpec("manager", aarhus)]);
        var organizationalManager = await app.SeedMemberAsync(denmark, InvitationSupport.NewEmail("org-manager"), [new GrantSpec("manager", null)]);
        var email = InvitationSupport.NewEmail("org-user");

        var refused = await workshopManager.Client.PostInvitationAsync(denmark, [email], [new GrantSpec("basic", null)]);
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Matches("(?i)organi[sz]ation", problem.GetProperty("detail").GetString());

        await organizationalManager.Client.InviteAsync(denmark, [email], [new GrantSpec("basic", null)]);
        var accepted = await (await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(email))).ExpectAsync(HttpStatusCode.Created);
        var memberId = accepted.GetProperty("memberId").GetGuid();

        var row = await organizationalManager.Client.MemberAsync(denmark, memberId);
        Assert.True(row.GetProperty("organizationWide").GetBoolean());
        var organizational = await organizationalManager.Client.AllRowsAsync(denmark, "type=organization");
        Assert.Contains(memberId, organizational.Ids());

        var odense = await app.CreateScopeAsync(denmark, "Odense");
        var atOdense = await organizationalManager.Client.EffectiveAsync(denmark, memberId, odense);
        Assert.NotEmpty(atOdense);
        Assert.Equal(await organizationalManager.Client.EffectiveAsync(denmark, memberId, aarhus), atOdense);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OrganizationWideMember_SeesWorkshopCreatedLater(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Sweden");
        await app.CreateScopeAsync(org, "Stockholm");
        var organizational = await app.SeedMemberAsync(org, MembersApi.Email("org"), [At("basic")]);

        var later = await app.CreateScopeAsync(org, "Malmö");

        Assert.Contains("vehicles.view", await organizational.Client.EffectiveAsync(org, organizational.MemberId, later));
        Assert.Contains(organizational.MemberId, (await app.Operator.AllRowsAsync(org, $"scopeId={later}")).Ids());
        Assert.True((await app.Operator.MemberAsync(org, organizational.MemberId)).GetProperty("organizationWide").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkshopUser_ConvertedToOrganizationalUser_AndFilterByType(string store)
    {
        var app = await servers.GetAsync(store, "workshops");
        var org = await app.CreateOrganizationAsync("Sweden");
        var stockholm = await app.CreateScopeAsync(org, "Stockholm");
        var orgManager = await app.SeedMemberAsync(org, MembersApi.Email("orgmgr"), [At("manager")]);
        var workshopManager = await app.SeedMemberAsync(org, MembersApi.Email("wsmgr"), [At("manager", stockholm)]);
        var user = await app.SeedMemberAsync(org, MembersApi.Email("user"), [At("basic", stockholm)]);

        Assert.Equal(new[] { orgManager.MemberId }, (await orgManager.Client.AllRowsAsync(org, "type=organization")).Ids());

        // Only an organizational manager makes someone organizational.
        await (await workshopManager.Client.PutAccessAsync(org, user.MemberId, Grants(("basic", null)))).ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        var row = await (await orgManager.Client.PutAccessAsync(org, user.MemberId, Grants(("manager", null)))).ExpectAsync(HttpStatusCode.OK);

        Assert.True(row.GetProperty("organizationWide").GetBoolean());
        Assert.Equal([("manager", (Guid?)null)], GrantsOf(row));
        Assert.Equal(new[] { orgManager.MemberId, user.MemberId }.ToHashSet(), (await orgManager.Client.AllRowsAsync(org, "type=organization")).Ids().ToHashSet());
        Assert.Equal(new[] { workshopManager.MemberId }, (await orgManager.Client.AllRowsAsync(org, "type=scope")).Ids());
    }
}
