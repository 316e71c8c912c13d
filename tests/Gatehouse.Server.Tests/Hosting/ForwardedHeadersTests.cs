using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// Behind a load balancer each client is still one client, but only the proxies named in Gatehouse:TrustedProxies
/// may say who the client is. The test's own connection (127.0.0.1) plays the proxy, trusted or not.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Evil = "evil.example";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FromATrustedProxy_TheAuditLogAndRateLimitsSeeTheForwardedClient_AndItsScheme(string store)
    {
        await using var app = await StartAsync(store, "10.0.0.0/8, 127.0.0.1");

        var organization = await CreateOrganizationFromAsync(app, "203.0.113.7");
        var statuses = await LookupsFromAsync(app, "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2");
        var cookie = await SessionCookieAsync(app, "https");

        Assert.Equal("203.0.113.7", await AuditedAddressAsync(app, organization));
        Assert.Equal([false, false, false, true, false], statuses.Select(s => s == HttpStatusCode.TooManyRequests));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FromAnUntrustedPeer_XForwardedForAndProtoAreIgnored(string store)
    {
        await using var app = await StartAsync(store, "10.9.9.0/24");

        var organization = await CreateOrganizationFromAsync(app, "203.0.113.7");
        var statuses = await LookupsFromAsync(app, "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2");
        var cookie = await SessionCookieAsync(app, "https");

        Assert.Equal("127.0.0.1", await AuditedAddressAsync(app, organization));
        // One bucket for everyone, which the setup call already drew on: the new address is limited too.
        Assert.Equal([false, false, true, true, true], statuses.Select(s => s == HttpStatusCode.TooManyRequests));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FromATrustedProxy_XForwardedHostChangesNeitherTheHostNorTheLinks(string store)
    {
        await using var app = await StartAsync(store, "127.0.0.1");
        var organization = await app.CreateOrganizationAsync("Forwarded host");
        var invitee = MembersApi.Email("fwd");
        using var api = app.ClientWithKey(app.OperatorKey);
        api.DefaultRequestHeaders.Add("X-Forwarded-Host", Evil);
        api.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        await (await api.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { invitee }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).ExpectAsync(HttpStatusCode.Created);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password") { Headers = { { "X-Forwarded-Host", Evil } } };
        // Host filtering would refuse the page if the forwarded host had replaced the request's own.
        using var answer = await app.CreateClient().SendAsync(page);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await app.InDatabaseAsync(db => db.Outbox.Where(m => m.To == invitee).Select(m => m.TextBody).SingleAsync());
        Assert.Contains(app.BaseUrl + "invitations/accept?token=", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Evil, body, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BehindATrustedProxyOnThisMachine_TheDevMailboxStaysClosedToForwardedRequests(string store)
    {
        await using var app = await StartAsync(store, "127.0.0.1");
        using var direct = app.CreateClient();
        using var proxied = app.CreateClient();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/api/v1/dev/mailbox")).StatusCode);
        await (await proxied.GetAsync("/api/v1/dev/mailbox")).ExpectProblemAsync(HttpStatusCode.NotFound, "dev_mailbox_unavailable");
    }

    private static Task<GatehouseApp> StartAsync(string store, string trustedProxies) =>
        GatehouseApp.StartAsync(store, kestrel: true, settings: new Dictionary<string, string>
        {
            ["Gatehouse:TrustedProxies"] = trustedProxies,
            ["Gatehouse:AnonymousRequestsPerMinute"] = "3",
        });

    private static async Task<Guid> CreateOrganizationFromAsync(GatehouseApp app, string client)
    {
        using var api = app.ClientWithKey(app.OperatorKey);
        api.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        var created = await (await api.PostAsJsonAsync("/api/v1/organizations", new { name = "Forwarded" })).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private static Task<string?> AuditedAddressAsync(GatehouseApp app, Guid organization) =>
        app.InDatabaseAsync(db => db.AuditEvents.Where(e => e.OrganizationId == organization && e.Action == "organization.created").Select(e => e.IpAddress).SingleAsync());

    /// <summary>One anonymous invitation lookup (limited per client address) from each client in turn.</summary>
    private static async Task<List<HttpStatusCode>> LookupsFromAsync(GatehouseApp app, params string[] clients)
    {
        var statuses = new List<HttpStatusCode>();
        using var anonymous = app.CreateClient();
        foreach (var client in clients)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invitations/lookup") { Content = JsonContent.Create(new { token = "ghi_nothing" }) };
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await anonymous.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    /// <summary>The session cookie of a sign-in whose proxy says the client used <paramref name="scheme"/>.</summary>
    private static async Task<string> SessionCookieAsync(GatehouseApp app, string scheme)
    {
        using var pages = app.PageClient();
        pages.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        var response = await pages.SignInAsync("operator@gatehouse.test", "a long operator password");
        return response.SessionCookie() ?? throw new Xunit.Sdk.XunitException($"No session cookie; the sign-in answered {(int)response.StatusCode}.");
    }
}
