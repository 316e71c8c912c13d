using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Invitations;

public sealed class InvitationAcceptTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_AsNewUser_MakesAMemberWithTheInvitedGrants_AndVerifiesTheEmail(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var project = await app.CreateScopeAsync(organization, "Apollo");
        var email = InvitationSupport.NewEmail("new");
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("member", project), new GrantSpec("viewer", null)]);
        var token = await app.TokenSentToAsync(email);

        var accepted = await (await app.AcceptAsNewUserAsync(token, "Nora", "Newcomer")).ExpectAsync(HttpStatusCode.Created);

        Assert.True(accepted.GetProperty("accountCreated").GetBoolean());
        var memberId = accepted.GetProperty("memberId").GetGuid();
        var user = await app.UserAsync(email);
        Assert.NotNull(user);
        Assert.Equal(("Nora", "Newcomer"), (user.FirstName, user.LastName));
        Assert.NotNull(user.EmailVerifiedAt);
        var hasher = app.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, "a perfectly long password"));
        var (member, grants, audit) = await app.InDatabaseAsync(async db => (
            await db.Members.SingleAsync(m => m.OrganizationId == organization && m.Id == memberId),
            await db.Grants.Where(g => g.OrganizationId == organization && g.MemberId == memberId).Select(g => new GrantSpec(g.RoleKey, g.ScopeId)).ToListAsync(),
            await db.AuditEvents.SingleAsync(a => a.OrganizationId == organization && a.Action == "invitation.accepted")));
        Assert.Equal((user.Id, MemberStatus.Active, false), (member.UserId, member.Status, member.HasFullAccess));
        Assert.Equal(new[] { new GrantSpec("member", project), new GrantSpec("viewer", null) }.ToHashSet(), grants.ToHashSet());
        Assert.Equal(user.Id, audit.ActorUserId);
        Assert.Equal("Nora Newcomer", audit.ActorName);
        var pending = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, pending.GetProperty("items").GetArrayLength());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_ByExistingUser_AttachesTheAccount(string store)
    {
        var app = await servers.GetAsync(store);
        var elsewhere = await app.CreateOrganizationAsync("Elsewhere");
        var organization = await app.CreateOrganizationAsync("Here");
        var email = InvitationSupport.NewEmail("known");
        var known = await app.SeedMemberAsync(elsewhere, email, [new GrantSpec("viewer", null)]);
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("member", null)]);
        var token = await app.TokenSentToAsync(email);

        var lookup = await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/lookup", new { token })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(lookup.GetProperty("accountExists").GetBoolean());
        var withPassword = await app.AcceptAsNewUserAsync(token);
        await withPassword.ExpectProblemAsync(HttpStatusCode.Conflict, "invitation_account_exists");

        var accepted = await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token })).ExpectAsync(HttpStatusCode.Created);

        Assert.False(accepted.GetProperty("accountCreated").GetBoolean());
        Assert.Equal(known.UserId, accepted.GetProperty("userId").GetGuid());
        var me = await (await known.Client.GetAsync($"/api/v1/organizations/{organization}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Here", me.GetProperty("name").GetString());
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == EmailAddress.Normalize(email))));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_Twice_IsRefused_AsAlreadyUsed(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = InvitationSupport.NewEmail();
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var token = await app.TokenSentToAsync(email);
        await (await app.AcceptAsNewUserAsync(token)).ExpectAsync(HttpStatusCode.Created);

        var again = await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token });

        await again.ExpectProblemAsync(HttpStatusCode.Conflict, "invitation_already_used");
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_RevokedInvitation_IsGone_NamingWhomToAsk(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Rita", lastName: "Revoker");
        var email = InvitationSupport.NewEmail();
        var created = await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var token = await app.TokenSentToAsync(email);
        await (await admin.Client.PostAsync($"/api/v1/organizations/{organization}/invitations/{created[0].GetProperty("id").GetGuid()}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        var problem = await (await app.AcceptAsNewUserAsync(token)).ExpectProblemAsync(HttpStatusCode.Gone, "invitation_revoked");

        Assert.Contains("Rita Revoker", problem.GetProperty("detail").GetString());
        Assert.Null(await app.UserAsync(email));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "invitation.revoked")));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_ExpiredInvitation_IsGone_AndAskingForAResendWorks(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Evan", lastName: "Expiry");
        var email = InvitationSupport.NewEmail();
        var id = (await admin.Client.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]))[0].GetProperty("id").GetGuid();
        var token = await app.TokenSentToAsync(email);
        await app.InDatabaseAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.OrganizationId == organization && i.Id == id);
            db.Entry(invitation).Property(i => i.ExpiresAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });

        var problem = await (await app.AcceptAsNewUserAsync(token)).ExpectProblemAsync(HttpStatusCode.Gone, "invitation_expired");
        Assert.Contains("ask Evan Expiry to resend it", problem.GetProperty("detail").GetString());
        var expired = await (await admin.Client.GetAsync($"/api/v1/organizations/{organization}/invitations?status=expired")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", Assert.Single(expired.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
        Assert.Null(await app.UserAsync(email));

        await (await admin.Client.PostAsync($"/api/v1/organizations/{organization}/invitations/{id}/resend", null)).ExpectAsync(HttpStatusCode.OK);
        await (await app.AcceptAsNewUserAsync(await app.TokenSentToAsync(email, "invitation_resent"))).ExpectAsync(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Accept_UnknownToken_OrMissingFields_IsRefused_AndNothingIsStored(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = InvitationSupport.NewEmail();
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);
        var token = await app.TokenSentToAsync(email);
        var anonymous = app.CreateClient();

        await (await app.AcceptAsNewUserAsync("ghi_" + new string('x', 43))).ExpectProblemAsync(HttpStatusCode.Gone, "invitation_token_invalid");
        await (await anonymous.PostAsJsonAsync("/api/v1/invitations/lookup", new { token = "ghi_nope" })).ExpectProblemAsync(HttpStatusCode.Gone, "invitation_token_invalid");
        var missing = await (await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token, firstName = "Short", password = "short" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = missing.GetProperty("errors");
        Assert.True(errors.TryGetProperty("lastName", out _) && errors.TryGetProperty("password", out _));
        Assert.False(errors.TryGetProperty("firstName", out _));

        Assert.Null(await app.UserAsync(email));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Members.CountAsync(m => m.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookup_ShowsOrganizationInviterAndOfferedAccess_WithoutAnApiKey(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Lookup Org");
        var project = await app.CreateScopeAsync(organization, "Gemini");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Lena", lastName: "Lookup");
        var email = InvitationSupport.NewEmail();
        await admin.Client.InviteAsync(organization, [email], [new GrantSpec("member", project)]);

        var lookup = await (await app.CreateClient().PostAsJsonAsync("/api/v1/invitations/lookup", new { token = await app.TokenSentToAsync(email) }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Lookup Org", lookup.GetProperty("organizationName").GetString());
        Assert.Equal("Lena Lookup", lookup.GetProperty("inviterName").GetString());
        Assert.Equal("pending", lookup.GetProperty("status").GetString());
        Assert.False(lookup.GetProperty("accountExists").GetBoolean());
        var grant = Assert.Single(lookup.GetProperty("grants").EnumerateArray());
        Assert.Equal(("Member", "Gemini"), (grant.GetProperty("roleName").GetString(), grant.GetProperty("scopeName").GetString()));
    }
}
