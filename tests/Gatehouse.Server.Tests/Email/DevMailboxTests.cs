using System.Net;
using System.Net.Http.Json;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Email;

/// <summary>Without SMTP, emails stay in the dev mailbox, readable without a key from this machine.</summary>
public sealed class DevMailboxTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithoutSmtp_TheInvitationIsInTheDevMailbox_ForAnyoneOnThisMachine(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Dev mailbox");
        var email = MembersApi.Email("dev");
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();
        using var anonymous = app.CreateClient();

        var list = await (await anonymous.GetAsync($"/api/v1/dev/mailbox?to={Uri.EscapeDataString(email.ToUpperInvariant())}")).ExpectAsync(HttpStatusCode.OK);

        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal(("invitation", email), (item.GetProperty("kind").GetString(), item.GetProperty("to").GetString()));
        var id = item.GetProperty("id").GetGuid();
        var detail = await (await anonymous.GetAsync($"/api/v1/dev/mailbox/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("/invitations/accept?token=ghi_", detail.GetProperty("textBody").GetString(), StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE html>", detail.GetProperty("htmlBody").GetString(), StringComparison.Ordinal);
        // The worker keeps it there: delivered to the dev mailbox, not failed.
        var stored = await Poll.UntilAsync(() => app.InDatabaseAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id)),
            m => m.Status != OutboxStatus.Pending, "the email delivered to the dev mailbox");
        Assert.Equal((OutboxStatus.Sent, OutboxStatus.ViaDevMailbox), (stored.Status, stored.DeliveredVia));
        await (await anonymous.GetAsync($"/api/v1/dev/mailbox/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ThroughAProxy_TheDevMailboxIsClosed(string store)
    {
        var app = await servers.GetAsync(store);
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        await (await anonymous.GetAsync("/api/v1/dev/mailbox")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithSmtpConfigured_TheDevMailboxIsClosed(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: EmailDeliveryTests.SmtpSettings(MailServer.FreePort()));
        using var anonymous = app.CreateClient();

        await (await anonymous.GetAsync("/api/v1/dev/mailbox")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
        await (await app.Operator.GetAsync("/api/v1/dev/mailbox")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
    }
}
