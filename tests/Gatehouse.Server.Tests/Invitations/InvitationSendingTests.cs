using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Secrets;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Invitations;

public sealed class InvitationSendingTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_WritesOneEmailPerInvitation_WithTheAcceptLink_AndTheTokenNowhereElse(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Outbox Org");
        var admin = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("admin"), [new GrantSpec("admin", null)], firstName: "Ada", lastName: "Admin");
        var first = InvitationSupport.NewEmail("first");
        var second = InvitationSupport.NewEmail("second");

        var response = await admin.Client.PostInvitationAsync(organization, [first, second], [new GrantSpec("member", null)]);
        var raw = await response.Content.ReadAsStringAsync();
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal([first, second], created.EnumerateArray().Select(i => i.GetProperty("email").GetString()));
        Assert.All(created.EnumerateArray(), i => Assert.Equal("pending", i.GetProperty("status").GetString()));
        var messages = await app.InDatabaseAsync(db => db.Outbox.Where(m => m.OrganizationId == organization).ToListAsync());
        Assert.Equal(2, messages.Count);
        foreach (var email in new[] { first, second })
        {
            var message = Assert.Single(messages, m => m.To == email);
            Assert.Equal("invitation", message.Kind);
            Assert.Contains("Ada Admin", message.Subject);
            Assert.Contains("http://127.0.0.1/invitations/accept?token=ghi_", message.TextBody);
            var token = InvitationSupport.TokenIn(message.TextBody);
            Assert.DoesNotContain(token, raw);
            var stored = await app.InDatabaseAsync(async db => new
            {
                ByHash = await db.Invitations.CountAsync(i => i.TokenHash == SecretToken.Hash(token)),
                Plain = await db.Invitations.CountAsync(i => i.TokenHash == token || i.Email.Contains(token)),
                InAudit = await db.AuditEvents.CountAsync(a => (a.After != null && a.After.Contains(token)) || (a.Before != null && a.Before.Contains(token))),
                InOutbox = await db.Outbox.CountAsync(m => m.TextBody.Contains(token)),
            });
            Assert.Equal((1, 0, 0, 1), (stored.ByHash, stored.Plain, stored.InAudit, stored.InOutbox));
        }
        var audit = await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action == "invitation.sent"));
        Assert.Equal(2, audit);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_SameEmailWhilePending_IsRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = InvitationSupport.NewEmail();
        await app.Operator.InviteAsync(organization, [email], [new GrantSpec("viewer", null)]);

        var again = await app.Operator.PostInvitationAsync(organization, [InvitationSupport.NewEmail(), email.ToUpperInvariant()], [new GrantSpec("viewer", null)]);

        var problem = await again.ExpectProblemAsync(HttpStatusCode.Conflict, "invitation_already_pending");
        Assert.True(problem.GetProperty("errors").TryGetProperty("emails[1]", out _));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization)));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_LookAlikeEmail_IsRefusedWithItsField_AndNothingIsStored(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var cyrillic = $"bob.{Guid.NewGuid():N}@ex\u0430mple.com";

        var response = await app.Operator.PostInvitationAsync(organization, [InvitationSupport.NewEmail(), cyrillic, "not an email"], [new GrantSpec("viewer", null)]);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "email_invalid");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("emails[1]", out _));
        Assert.True(errors.TryGetProperty("emails[2]", out _));
        Assert.False(errors.TryGetProperty("emails[0]", out _));
        await AssertNothingStoredAsync(app, organization);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_51Emails_IsRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();

        var response = await app.Operator.PostInvitationAsync(organization, Enumerable.Range(0, 51).Select(_ => InvitationSupport.NewEmail()), [new GrantSpec("viewer", null)]);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "too_many_emails");
        await AssertNothingStoredAsync(app, organization);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_SameEmailTwiceInOneRequest_IsRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = InvitationSupport.NewEmail();

        var response = await app.Operator.PostInvitationAsync(organization, [email, " " + email.ToUpperInvariant()], [new GrantSpec("viewer", null)]);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "duplicate_email");
        Assert.True(problem.GetProperty("errors").TryGetProperty("emails[1]", out _));
        await AssertNothingStoredAsync(app, organization);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_SomeoneAlreadyMember_IsRefused(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var email = InvitationSupport.NewEmail("member");
        await app.SeedMemberAsync(organization, email, [new GrantSpec("viewer", null)]);

        var response = await app.Operator.PostInvitationAsync(organization, [email], [new GrantSpec("viewer", null)]);

        await response.ExpectProblemAsync(HttpStatusCode.Conflict, "already_member");
        await AssertNothingStoredAsync(app, organization);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invite_WithoutInviteRight_IsForbidden_NamingThePermission(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var project = await app.CreateScopeAsync(organization, "Apollo");
        var viewer = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("viewer"), [new GrantSpec("viewer", null)]);
        var manager = await app.SeedMemberAsync(organization, InvitationSupport.NewEmail("manager"), [new GrantSpec("manager", project)]);

        var byViewer = await viewer.Client.PostInvitationAsync(organization, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", project)]);
        var problem = await byViewer.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        Assert.Contains("Invite users", problem.GetProperty("detail").GetString());

        var escalation = await manager.Client.PostInvitationAsync(organization, [InvitationSupport.NewEmail()], [new GrantSpec("admin", project)]);
        await escalation.ExpectProblemAsync(HttpStatusCode.Forbidden, "role_exceeds_own_access");
        var elsewhere = await manager.Client.PostInvitationAsync(organization, [InvitationSupport.NewEmail()], [new GrantSpec("viewer", null)]);
        await elsewhere.ExpectProblemAsync(HttpStatusCode.Forbidden, "missing_permission");
        await AssertNothingStoredAsync(app, organization);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task List_FiltersByStatus_AndPagesWithCursors(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync();
        var emails = Enumerable.Range(0, 3).Select(i => InvitationSupport.NewEmail($"p{i}")).ToList();
        var created = await app.Operator.InviteAsync(organization, emails, [new GrantSpec("viewer", null)]);
        var revoked = created[0].GetProperty("id").GetGuid();
        await (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/invitations/{revoked}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations?limit=1{(cursor is null ? "" : "&cursor=" + cursor)}")).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(emails.Skip(1).Order(), seen.Order());

        var revokedList = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations?status=revoked")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([emails[0]], revokedList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()));
        var all = await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations?status=all")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        await (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/invitations?status=bogus")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(InvitationStatus.Revoked, await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Id == revoked).Select(i => i.Status).SingleAsync()));
    }

    private static async Task AssertNothingStoredAsync(GatehouseApp app, Guid organization)
    {
        var (invitations, outbox, audit) = await app.InDatabaseAsync(async db => (
            await db.Invitations.CountAsync(i => i.OrganizationId == organization),
            await db.Outbox.CountAsync(m => m.OrganizationId == organization),
            await db.AuditEvents.CountAsync(a => a.OrganizationId == organization && a.Action.StartsWith("invitation."))));
        Assert.Equal((0, 0, 0), (invitations, outbox, audit));
    }
}
