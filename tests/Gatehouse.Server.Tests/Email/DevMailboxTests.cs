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
        var id = await InviteAsync(app, MembersApi.Email("closed"));
        await (await anonymous.GetAsync($"/api/v1/dev/mailbox/{id}/html")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
        using var page = await anonymous.GetAsync($"/dev/mailbox/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("No dev mailbox here", html, StringComparison.Ordinal);
        Assert.DoesNotContain("accept?token=", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ThePage_ListsEmails_AndShowsTextAndSandboxedHtml(string store)
    {
        var app = await servers.GetAsync(store);
        var email = MembersApi.Email("page");
        var id = await InviteAsync(app, email);
        using var browser = app.CreateClient();

        using var list = await browser.GetAsync($"/dev/mailbox?to={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listHtml = await list.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/dev/mailbox/{id}\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("Product support invited you to join Page", listHtml, StringComparison.Ordinal);

        using var one = await browser.GetAsync($"/dev/mailbox/{id}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var page = await one.Content.ReadAsStringAsync();
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("/invitations/accept?token=ghi_", page, StringComparison.Ordinal);
        var frame = System.Text.RegularExpressions.Regex.Match(page, "<iframe[^>]*>").Value;
        Assert.Contains("sandbox=\"allow-top-navigation-by-user-activation\"", frame, StringComparison.Ordinal);
        Assert.Contains($"src=\"/api/v1/dev/mailbox/{id}/html\"", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        var pagePolicy = string.Join(";", one.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-src 'self'", pagePolicy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", pagePolicy, StringComparison.Ordinal);

        using var body = await browser.GetAsync($"/api/v1/dev/mailbox/{id}/html");
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
        Assert.Equal("text/html", body.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'", Assert.Single(body.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(body.Headers.GetValues("X-Frame-Options")));
        Assert.StartsWith("<!DOCTYPE html>", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains("Email not found", await browser.GetStringAsync($"/dev/mailbox/{Guid.NewGuid()}"), StringComparison.Ordinal);
    }

    private static async Task<Guid> InviteAsync(GatehouseApp app, string email)
    {
        var organization = await app.CreateOrganizationAsync("Page");
        (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { email }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).EnsureSuccessStatusCode();
        return await app.InDatabaseAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Id).SingleAsync());
    }
}
