using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Server.Hosting;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// Links in emails come from Gatehouse:PublicUrl or the address the server listens on, never from what a request
/// says about its host: otherwise anyone could have a genuine password-reset link mailed to a victim that points at
/// the attacker's site.
/// </summary>
public sealed partial class PublicLinkTests(ServerPool servers)
{
    private const string Hostile = "evil.example";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryEmailedLink_PointsAtTheListeningAddress_WhateverHostAndForwardedHostSay(string store)
    {
        // AllowedHosts open, as an operator may set it: the links must not depend on host filtering.
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string> { ["AllowedHosts"] = "*" }, kestrel: true);
        var organization = await app.CreateOrganizationAsync("Links");
        var member = await app.SeedMemberAsync(organization, MembersApi.Email("member"));
        await app.SetPasswordAsync(member.UserId, "correct horse battery staple");
        var memberEmail = await app.InDatabaseAsync(db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleAsync());
        var invitee = MembersApi.Email("invitee");
        var newAddress = MembersApi.Email("new");

        using var api = WithHostileHeaders(app.ClientWithKey(app.OperatorKey));
        var sent = await (await api.PostAsJsonAsync($"/api/v1/organizations/{organization}/invitations",
            new { emails = new[] { invitee }, grants = new[] { new { roleKey = "viewer", scopeId = (Guid?)null } } })).ExpectAsync(HttpStatusCode.Created);
        var invitationId = sent[0].GetProperty("id").GetGuid();
        await (await api.PostAsync($"/api/v1/organizations/{organization}/invitations/{invitationId}/resend", null)).ExpectAsync(HttpStatusCode.OK);
        using var pages = WithHostileHeaders(app.PageClient());
        Assert.Equal(HttpStatusCode.OK, (await pages.SubmitNamedAsync("/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = memberEmail })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.SubmitNamedAsync("/account/resend-verification", "resend-verification", new Dictionary<string, string> { ["Input.Email"] = memberEmail })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await pages.SignInAsync(memberEmail, "correct horse battery staple")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.SubmitNamedAsync("/account/profile", "send-verification")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.SubmitNamedAsync("/account/profile", "change-email",
            new Dictionary<string, string> { ["EmailChange.NewEmail"] = newAddress, ["EmailChange.CurrentPassword"] = "correct horse battery staple" })).StatusCode);

        string[] kinds = ["invitation", "invitation_resent", "password_reset", "email_verification"];
        var links = new List<(string Kind, string Link)>();
        foreach (var (to, kind, count) in new[] { (invitee, "invitation", 1), (invitee, "invitation_resent", 1), (memberEmail, "password_reset", 1), (memberEmail, "email_verification", 2), (newAddress, "email_verification", 1) })
        {
            var bodies = await Poll.UntilAsync(() => app.InDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to && m.Kind == kind).Select(m => m.TextBody).ToListAsync()),
                b => b.Count == count, $"{count} {kind} email(s) to {to}");
            links.AddRange(bodies.SelectMany(b => Link().Matches(b)).Select(m => (kind, m.Value)));
        }

        Assert.Equal(kinds.Order(), links.Select(l => l.Kind).Distinct().Order());
        Assert.Equal(6, links.Count);
        Assert.All(links, l => Assert.StartsWith(app.BaseUrl.ToString(), l.Link, StringComparison.Ordinal));
        Assert.All(links, l => Assert.DoesNotContain(Hostile, l.Link, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListeningOnPortZero_TheSetupLinkCarriesThePortTheServerGot(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false, kestrel: true);

        var link = new Uri(app.Services.GetRequiredService<Gatehouse.Server.Application.SetupLinks>().CurrentLink!);

        Assert.NotEqual(0, app.BaseUrl.Port);
        Assert.Equal((app.BaseUrl.Host, app.BaseUrl.Port, "/setup"), (link.Host, link.Port, link.AbsolutePath));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithoutAllowedHosts_ARequestNamingAnotherHost_IsRefused(string store)
    {
        var app = await servers.GetListeningAsync(store);
        using var client = app.CreateClient();

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password") { Headers = { Host = Hostile } };
        using var local = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password") { Headers = { Host = "localhost" } };

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://192.0.2.1:0")]
    [InlineData("http://127.0.0.1:0;http://gatehouse.example:0")]
    public async Task ListeningBeyondLoopback_WithoutPublicUrl_TheServerRefusesToStart_SayingWhatToSet(string urls)
    {
        var folder = Directory.CreateTempSubdirectory("gatehouse-test-").FullName;
        try
        {
            await using var app = GatehouseHost.Build(["--urls", urls, $"--Gatehouse:ConnectionString=Data Source={Path.Combine(folder, "g.db")}"]);

            var refused = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("Gatehouse:PublicUrl", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Gatehouse__PublicUrl", refused.Message, StringComparison.Ordinal);
            Assert.Contains(urls.Split(';')[^1], refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpClient WithHostileHeaders(HttpClient client)
    {
        client.DefaultRequestHeaders.Host = Hostile;
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", Hostile);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("Forwarded", $"host={Hostile};proto=https");
        return client;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Link();
}
