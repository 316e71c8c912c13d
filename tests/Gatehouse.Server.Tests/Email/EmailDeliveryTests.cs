using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Data.Records;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Email;

/// <summary>Delivery of the outbox to a real SMTP server (maildev), its failures and retries, and several nodes on one database.</summary>
public sealed class EmailDeliveryTests
{
    /// <summary>Settings for a server that sends to 127.0.0.1:<paramref name="port"/> with short waits between attempts.</summary>
    public static Dictionary<string, string> SmtpSettings(int port, int maxAttempts = 1000) => new()
    {
        ["Gatehouse:Smtp:Host"] = "127.0.0.1",
        ["Gatehouse:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Gatehouse:Smtp:Security"] = "None",
        ["Gatehouse:Smtp:From"] = "gatehouse@gatehouse.test",
        ["Gatehouse:Smtp:FromName"] = "Gatehouse Tests",
        ["Gatehouse:Smtp:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        ["Gatehouse:Smtp:RetryBaseDelay"] = "00:00:00.100",
        ["Gatehouse:Smtp:RetryMaxDelay"] = "00:00:00.400",
        ["Gatehouse:Smtp:PollInterval"] = "00:00:00.100",
        ["Gatehouse:Smtp:Timeout"] = "00:00:20",
    };

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Invitation_ArrivesOverSmtp_WithTextHtmlAndLink_AndIsMarkedSent(string store)
    {
        await using var mail = await MailServer.StartAsync();
        await using var app = await GatehouseApp.StartAsync(store, settings: SmtpSettings(mail.SmtpPort));
        var organization = await app.CreateOrganizationAsync("Smith & Sons 'Garage'");
        var inviter = await app.SeedMemberAsync(organization, MembersApi.Email("admin"), [new GrantSpec("admin", null)], fullAccess: true,
            firstName: "<script>alert(1)</script>", lastName: "Evil");
        var email = MembersApi.Email("invitee");

        (await inviter.Client.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();

        var received = Assert.Single(await mail.WaitForAsync(m => m.Any(x => x.To == email), "the invitation at maildev"), m => m.To == email);
        var outbox = await Poll.UntilAsync(() => app.InDatabaseAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email)),
            m => m.Status == OutboxStatus.Sent, "the invitation marked sent");
        Assert.Equal(("<script>alert(1)</script> Evil invited you to join Smith & Sons 'Garage'", OutboxStatus.ViaSmtp, 1), (received.Subject, outbox.DeliveredVia, outbox.Attempts));
        Assert.NotNull(outbox.SentAt);
        Assert.Equal($"<{outbox.Id:N}@gatehouse.test>", received.MessageId);
        var link = System.Text.RegularExpressions.Regex.Match(outbox.TextBody, @"http://127\.0\.0\.1/invitations/accept\?token=\S+").Value;
        Assert.NotEmpty(link);
        Assert.Contains(link, received.Text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Evil invited you to join Smith & Sons 'Garage'.", received.Text, StringComparison.Ordinal);
        Assert.Contains("Viewer", received.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", received.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", received.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Evil", received.Html, StringComparison.Ordinal);
        Assert.Contains("Smith &amp; Sons", received.Html, StringComparison.Ordinal);
        Assert.Equal("\"Gatehouse Tests\" <gatehouse@gatehouse.test>", received.Raw.GetProperty("headers").GetProperty("from").GetString());

        // With SMTP configured there is no dev mailbox.
        using var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/api/v1/dev/mailbox")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
        await (await anonymous.GetAsync($"/api/v1/dev/mailbox/{outbox.Id}")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SmtpDown_NothingIsLost_AndWhenItComesBackEveryMessageArrivesOnce(string store)
    {
        var port = MailServer.FreePort();
        await using var app = await GatehouseApp.StartAsync(store, settings: SmtpSettings(port));
        var organization = await app.CreateOrganizationAsync("Down");
        var emails = Enumerable.Range(0, 5).Select(i => MembersApi.Email($"down{i}-")).ToList();
        foreach (var email in emails)
        {
            (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
                new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();
        }

        var failing = await Poll.UntilAsync(() => OutboxAsync(app, "pending", organization),
            rows => rows.Count == 5 && rows.All(r => r.GetProperty("attempts").GetInt32() >= 2 && r.GetProperty("lastError").GetString() is { Length: > 0 }),
            "five pending emails with failed attempts");
        Assert.All(failing, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("sentAt").ValueKind));
        Assert.DoesNotContain(failing, r => r.GetProperty("lastError").GetString()!.Contains("Hello", StringComparison.Ordinal));

        await using var mail = await MailServer.StartAsync(port);
        var received = await mail.WaitForAsync(m => emails.All(e => m.Any(x => x.To == e)), "all five invitations");
        await Poll.UntilAsync(() => OutboxAsync(app, "sent", organization), rows => rows.Count == 5, "five emails marked sent");
        // Anything sent twice would have arrived by the time all are marked sent; look once more after that.
        received = await mail.MessagesAsync();
        Assert.Equal(5, received.Count(m => emails.Contains(m.To)));
        Assert.Equal(5, received.Where(m => emails.Contains(m.To)).Select(m => m.MessageId).Distinct().Count());
        Assert.Empty(await OutboxAsync(app, "pending", organization));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AfterMaxAttempts_TheMessageIsFailed_AndRetrySendsIt(string store)
    {
        var port = MailServer.FreePort();
        await using var app = await GatehouseApp.StartAsync(store, settings: SmtpSettings(port, maxAttempts: 3));
        var organization = await app.CreateOrganizationAsync("Failing");
        var email = MembersApi.Email("failed");
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();

        var failed = Assert.Single(await Poll.UntilAsync(() => OutboxAsync(app, "failed", organization), rows => rows.Count == 1, "the email failed for good"));
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Empty(await OutboxAsync(app, "pending", organization));
        var id = failed.GetProperty("id").GetGuid();

        await using var mail = await MailServer.StartAsync(port);
        var retried = await (await app.Operator.PostAsync($"/api/v1/platform/outbox/{id}/retry", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("pending", 0), (retried.GetProperty("status").GetString(), retried.GetProperty("attempts").GetInt32()));

        await mail.WaitForAsync(m => m.Any(x => x.To == email), "the retried email");
        var sent = Assert.Single(await Poll.UntilAsync(() => OutboxAsync(app, "sent", organization), rows => rows.Count == 1, "the retried email marked sent"));
        Assert.Equal(id, sent.GetProperty("id").GetGuid());
        await (await app.Operator.PostAsync($"/api/v1/platform/outbox/{id}/retry", null)).ExpectProblemAsync(HttpStatusCode.Conflict, "email_already_sent");
        await (await app.Operator.PostAsync($"/api/v1/platform/outbox/{Guid.NewGuid()}/retry", null)).ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
        var audit = await app.InDatabaseAsync(db => db.AuditEvents.CountAsync(a => a.Action == "email.retried" && a.OrganizationId == organization));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_DeliverEachOfTwentyMessagesOnce()
    {
        var port = MailServer.FreePort();
        await using var first = await GatehouseApp.StartAsync("postgres", settings: SmtpSettings(port));
        await using var second = GatehouseApp.AnotherNode(first);
        _ = second.Server;
        var organization = await first.CreateOrganizationAsync("Two nodes");
        var emails = Enumerable.Range(0, 20).Select(i => MembersApi.Email($"node{i}-")).ToList();
        // Queued while SMTP is down, so both workers find all twenty due at once when it comes up.
        for (var i = 0; i < emails.Count; i++)
        {
            var node = i % 2 == 0 ? first : second;
            (await node.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
                new { emails = new[] { emails[i] }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();
        }
        await Poll.UntilAsync(() => OutboxAsync(first, "pending", organization), rows => rows.Count == 20 && rows.All(r => r.GetProperty("attempts").GetInt32() >= 1),
            "twenty emails tried while SMTP is down");

        await using var mail = await MailServer.StartAsync(port);
        await mail.WaitForAsync(m => emails.All(e => m.Any(x => x.To == e)), "all twenty invitations");
        await Poll.UntilAsync(() => OutboxAsync(first, "sent", organization), rows => rows.Count == 20, "twenty emails marked sent");

        var received = (await mail.MessagesAsync()).Where(m => emails.Contains(m.To)).ToList();
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Configuration_RefusesImplicitTls(string store)
    {
        var settings = SmtpSettings(465);
        settings["Gatehouse:Smtp:Security"] = "Tls";
        var app = await GatehouseApp.StartAsync(store, setUp: false, settings: settings);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => app.Server);
            Assert.Contains("StartTls", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<List<JsonElement>> OutboxAsync(GatehouseApp app, string status, Guid organization)
    {
        var rows = await (await app.Operator.GetAsync($"/api/v1/platform/outbox?status={status}&limit=100")).ExpectAsync(HttpStatusCode.OK);
        return [.. rows.EnumerateArray().Where(r => r.GetProperty("organizationId").GetGuid() == organization).Select(r => r.Clone())];
    }
}
