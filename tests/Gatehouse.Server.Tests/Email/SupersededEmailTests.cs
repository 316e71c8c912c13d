using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Email;

/// <summary>
/// A newer email for the same invitation (or the same person's password reset) replaces a pending older one: while SMTP
/// is down the older one waits, and once SMTP is back only the newest goes out; the older is <c>superseded</c>.
/// </summary>
public sealed class SupersededEmailTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InvitationResentWhileSmtpIsDown_OnlyTheNewestArrives_AndTheOlderIsSuperseded(string store)
    {
        var port = MailServer.FreePort();
        await using var app = await GatehouseApp.StartAsync(store, settings: EmailDeliveryTests.SmtpSettings(port));
        var organization = await app.CreateOrganizationAsync("Resent");
        var email = MembersApi.Email("resent");
        var other = MembersApi.Email("other");
        var invited = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email, other }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).ExpectAsync(HttpStatusCode.Created);
        var invitation = invited.EnumerateArray().Single(i => i.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        await Poll.UntilAsync(() => OutboxAsync(app, organization), rows => rows.Count == 2 && rows.All(r => r.GetProperty("attempts").GetInt32() >= 1),
            "both invitations tried while SMTP is down");

        await (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/invitations/{invitation}/resend", null)).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/invitations/{invitation}/resend", null)).ExpectAsync(HttpStatusCode.OK);

        await using var mail = await MailServer.StartAsync(port);
        await Poll.UntilAsync(() => OutboxAsync(app, organization), rows => rows.Count(r => r.GetProperty("status").GetString() == "sent") == 2,
            "the newest invitation to each address sent");
        var rows = await OutboxAsync(app, organization);
        var toInvitee = rows.Where(r => r.GetProperty("to").GetString() == email).OrderBy(r => r.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(["superseded", "superseded", "sent"], toInvitee.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("sent", rows.Single(r => r.GetProperty("to").GetString() == other).GetProperty("status").GetString());

        // Anything sent that should not have been would have arrived by the time the newest is marked sent.
        // The mail server answers the SMTP transaction before it lists the message: wait for it to be listed.
        var arrived = Assert.Single(await mail.WaitForAsync(all => all.Any(m => m.To == email), "the newest reset email listed"), m => m.To == email);
        Assert.Equal($"<{toInvitee[2].GetProperty("id").GetGuid():N}@gatehouse.test>", arrived.MessageId);
        var link = System.Text.RegularExpressions.Regex.Match(arrived.Text, @"token=(\S+)").Groups[1].Value;
        using var anonymous = app.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/invitations/lookup", new { token = Uri.UnescapeDataString(link) })).ExpectAsync(HttpStatusCode.OK);

        var superseded = await (await app.Operator.GetAsync("/api/v1/platform/outbox?status=superseded&limit=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, superseded.EnumerateArray().Count(r => r.GetProperty("to").GetString() == email));
        await (await app.Operator.PostAsync($"/api/v1/platform/outbox/{toInvitee[0].GetProperty("id").GetGuid()}/retry", null))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "email_superseded");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InvitationRevokedWhileSmtpIsDown_ItsEmailIsNeverSent(string store)
    {
        var port = MailServer.FreePort();
        await using var app = await GatehouseApp.StartAsync(store, settings: EmailDeliveryTests.SmtpSettings(port));
        var organization = await app.CreateOrganizationAsync("Revoked");
        var email = MembersApi.Email("revoked");
        var other = MembersApi.Email("kept");
        var invited = await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email, other }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).ExpectAsync(HttpStatusCode.Created);
        var invitation = invited.EnumerateArray().Single(i => i.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        await Poll.UntilAsync(() => OutboxAsync(app, organization), rows => rows.Count == 2 && rows.All(r => r.GetProperty("attempts").GetInt32() >= 1),
            "both invitations tried while SMTP is down");

        await (await app.Operator.PostAsync($"/api/v1/organizations/{organization}/invitations/{invitation}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        await using var mail = await MailServer.StartAsync(port);
        var rows = await Poll.UntilAsync(() => OutboxAsync(app, organization), rows => rows.Any(r => r.GetProperty("status").GetString() == "sent"), "the other invitation sent");
        Assert.Equal("superseded", rows.Single(r => r.GetProperty("to").GetString() == email).GetProperty("status").GetString());
        Assert.DoesNotContain(await mail.MessagesAsync(), m => m.To == email);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PasswordResetAskedTwiceWhileSmtpIsDown_OnlyTheNewestArrives(string store)
    {
        var port = MailServer.FreePort();
        await using var app = await GatehouseApp.StartAsync(store, settings: EmailDeliveryTests.SmtpSettings(port));
        var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(app);
        var client = app.PageClient();
        for (var i = 1; i <= 2; i++)
        {
            await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["email"] = email });
            await Poll.UntilAsync(() => app.InDatabaseAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Kind == "password_reset")), count => count == i,
                $"password reset email {i} queued");
        }

        await using var mail = await MailServer.StartAsync(port);
        var messages = await Poll.UntilAsync(() => app.InDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.CreatedAt).ToListAsync()),
            rows => rows.Any(r => r.Status == OutboxStatus.Sent), "the newest reset email sent");
        Assert.Equal(["superseded", OutboxStatus.Sent], messages.Select(m => m.Status));
        // The mail server answers the SMTP transaction before it lists the message: wait for it to be listed.
        var arrived = Assert.Single(await mail.WaitForAsync(all => all.Any(m => m.To == email), "the newest reset email listed"), m => m.To == email);
        Assert.Equal($"<{messages[1].Id:N}@gatehouse.test>", arrived.MessageId);
    }

    private static async Task<List<JsonElement>> OutboxAsync(GatehouseApp app, Guid organization)
    {
        var rows = await (await app.Operator.GetAsync("/api/v1/platform/outbox?limit=100")).ExpectAsync(HttpStatusCode.OK);
        return [.. rows.EnumerateArray().Where(r => r.GetProperty("organizationId").GetGuid() == organization).Select(r => r.Clone())];
    }
}
