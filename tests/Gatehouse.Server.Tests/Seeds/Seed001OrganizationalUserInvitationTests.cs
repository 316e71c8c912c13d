using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>
/// Seed 001 (workshops): "In order to become an organizational user, you will need to be invited by another
/// organizational user with Manager rights." The new member is marked [ORG] and reaches every workshop,
/// existing and future.
/// </summary>
public sealed class Seed001OrganizationalUserInvitationTests(ServerPool servers)
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
}
