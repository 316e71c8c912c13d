using System.Net;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

/// <summary>Issue 11, item 4: resending or revoking an invitation takes the rights that sending it takes.</summary>
public sealed class InvitationRightsTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectManager_CannotResendOrRevoke_AnInvitationOfferingARoleAboveTheirOwn(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Offers Above");
        var project = await app.CreateScopeAsync(organization, "Harbour");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var manager = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("manager"), [new GrantSpec("manager", project)]);
        var email = InvitationSupport.NewEmail("boss");
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("admin", project)]))[0].GetProperty("id").GetGuid();
        var path = $"/api/v1/organizations/{organization}/invitations/{id}";

        var resend = await (await manager.Client.PostAsync(path + "/resend", null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "role_exceeds_own_access");
        await (await manager.Client.PostAsync(path + "/revoke", null)).ExpectProblemAsync(HttpStatusCode.Forbidden, "role_exceeds_own_access");

        Assert.Contains("'Admin' in project Harbour", resend.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await app.InDatabaseAsync(db => db.Invitations.SingleAsync(i => i.Id == id));
        Assert.Equal((Core.Invitations.InvitationStatus.Pending, 0), (stored.Status, stored.ResendCount));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == email)));
        var listed = await (await manager.Client.GetAsync($"/api/v1/organizations/{organization}/invitations")).ExpectAsync(HttpStatusCode.OK);
        var capabilities = Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("capabilities");
        Assert.False(capabilities.GetProperty("resend").GetBoolean());
        Assert.False(capabilities.GetProperty("revoke").GetBoolean());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProjectManager_MayResendAndRevoke_AnInvitationWithinTheirOwnAccess(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Offers Within");
        var project = await app.CreateScopeAsync(organization, "Quay");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)]);
        var manager = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("manager"), [new GrantSpec("manager", project)]);
        var id = (await admin.Client.InviteAsync(organization, [InvitationSupport.NewEmail()], [new GrantSpec("member", project)]))[0].GetProperty("id").GetGuid();
        var path = $"/api/v1/organizations/{organization}/invitations/{id}";

        var resent = await (await manager.Client.PostAsync(path + "/resend", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(resent.GetProperty("capabilities").GetProperty("revoke").GetBoolean());
        await (await manager.Client.PostAsync(path + "/revoke", null)).ExpectAsync(HttpStatusCode.OK);
    }
}
