using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Invitations;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Seeds;

/// <summary>Seed 003 (facilities): inviting with name and phone; "Regenerate Invite" sends a new link and the old one stops working.</summary>
public sealed class Seed003RegenerateInviteTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RegenerateInvite_KillsTheOldLink_AndTheNewOneWorks(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var organization = await app.CreateOrganizationAsync("Facility Co");
        var site = await app.CreateScopeAsync(organization, "Plant 1");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("administrator", null)], firstName: "Ann", lastName: "Admin");
        var email = InvitationSupport.NewEmail("tech");
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("administrator", site)]))[0].GetProperty("id").GetGuid();
        var oldToken = await app.TokenSentToAsync(email);

        var resent = await (await admin.Client.PostAsync($"/api/v1/organizations/{organization}/invitations/{id}/resend", null)).ExpectAsync(HttpStatusCode.OK);
        var newToken = await app.TokenSentToAsync(email, "invitation_resent");

        Assert.Equal(1, resent.GetProperty("resendCount").GetInt32());
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == email)));
        await (await app.AcceptAsNewUserAsync(oldToken)).ExpectProblemAsync(HttpStatusCode.Gone, "invitation_token_invalid");
        var accepted = await (await app.AcceptAsNewUserAsync(newToken)).ExpectAsync(HttpStatusCode.Created);
        var memberId = accepted.GetProperty("memberId").GetGuid();
        var grant = await app.InDatabaseAsync(db => db.Grants.SingleAsync(g => g.OrganizationId == organization && g.MemberId == memberId));
        Assert.Equal(("administrator", (Guid?)site), (grant.RoleKey, grant.ScopeId));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "invitation.resent")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InviteUser_WithNameAndPhone_PrefillsTheAccount(string store)
    {
        var app = await servers.GetAsync(store, "facilities");
        var organization = await app.CreateOrganizationAsync("Facility Group");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("administrator", null)]);
        var email = InvitationSupport.NewEmail("pat");

        var created = await (await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations", new
        {
            invitees = new[] { new { email, firstName = "Pat", lastName = "Plumber", phone = "+44 20 7946 0958" } },
            grants = new[] { new { roleKey = "administrator", scopeId = (Guid?)null } },
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(("Pat", "+44 20 7946 0958"), (created[0].GetProperty("firstName").GetString(), created[0].GetProperty("phone").GetString()));

        var badPhone = await admin.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations", new
        {
            invitees = new[] { new { email = InvitationSupport.NewEmail(), firstName = "Bo", lastName = "B", phone = "<script>" } },
            grants = new[] { new { roleKey = "administrator", scopeId = (Guid?)null } },
        });
        var problem = await badPhone.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("invitees[0].phone", out _));

        var token = await app.TokenSentToAsync(email);
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "a perfectly long password" })).ExpectAsync(HttpStatusCode.Created);
        var user = await app.UserAsync(email);
        Assert.Equal(("Pat", "Plumber", "+44 20 7946 0958"), (user!.FirstName, user.LastName, user.Phone));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization)));
    }
}
