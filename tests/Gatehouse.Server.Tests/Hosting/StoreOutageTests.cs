using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Gatehouse.Core.Grants;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// PostgreSQL goes down under load and comes back: checks keep being answered from memory for the organizations and API
/// keys the node already knows, up to <c>Gatehouse:StaleCheckLimit</c> after it last heard from the database; everything
/// else answers 503 <c>store_unavailable</c> with Retry-After; nothing answers 500; recovery needs no restart.
/// The test stops and starts a PostgreSQL server of its own.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    /// <summary>Longer than the 30 s an API key is remembered, so known keys must outlive that during an outage.</summary>
    private static readonly TimeSpan StaleLimit = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task PostgresDownUnderLoad_ChecksAnswerFromMemoryUntilTheLimit_EverythingElse503_AndItRecoversWithoutRestart()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await using var app = await GatehouseApp.StartAsync("postgres", postgresServer: postgres.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Gatehouse:StaleCheckLimit"] = StaleLimit.ToString(),
            ["Gatehouse:NotificationKeepAlive"] = "00:00:01",
        });
        var organization = await app.CreateOrganizationAsync("Outage");
        var project = await app.CreateScopeAsync(organization, "Relaunch");
        var member = await app.SeedMemberAsync(organization, MembersApi.Email("outage"), [new GrantSpec("member", project)]);
        var neverLoaded = await app.CreateOrganizationAsync("Never loaded");
        var (_, signedIn, _) = await Accounts.AccountBrowsing.MemberWithPasswordAsync(app);
        var session = (await app.PageClient().SignInAsync(signedIn, Accounts.AccountBrowsing.Password)).SessionCookie()!.Split(';')[0];
        var checks = new CheckCalls(organization, project, member);
        await checks.ExpectAnsweredAsync(app, "before the outage");

        var log = new ConcurrentQueue<(TimeSpan At, string What, HttpStatusCode Status, string? Code)>();
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                foreach (var (what, status, code) in await checks.CallAllAsync(app, i))
                {
                    log.Enqueue((clock.Elapsed, what, status, code));
                }
            }
        })).ToList();

        await Task.Delay(500);
        var stoppedAt = clock.Elapsed;
        await postgres.StopAsync();
        var down = clock.Elapsed;
        var restarted = false;
        TimeSpan staleFrom, restartAt, recoveredAt;
        HttpStatusCode recovered;
        try
        {
            // Within the limit: checks from memory, also after the 30 s a key is remembered for; the rest is 503.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await ExpectUnavailableAsync(await app.Operator.GetAsync($"/api/v1/organizations/{organization}/members"));
            await ExpectUnavailableAsync(await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/scopes", new { name = "During" }));
            await ExpectUnavailableAsync(await app.ClientWithKey("ghk_" + new string('x', 43)).GetAsync("/api/v1/me"));
            await ExpectUnavailableAsync(await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{neverLoaded}/check",
                new { userId = member.UserId, permission = "projects.view" }));
            // A person in the browser gets a page, and stays signed in.
            var page = await HomeAsync(app, session);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 page without Retry-After");
            Assert.False(page.Headers.Contains("Set-Cookie"), "the outage touched the session cookie");
            await Task.Delay(StaleLimit - TimeSpan.FromSeconds(8) - (clock.Elapsed - stoppedAt));
            await checks.ExpectAnsweredAsync(app, "late in the outage, after the keys' 30 s");

            // Past the limit: checks too.
            await Task.Delay(StaleLimit + TimeSpan.FromSeconds(3) - (clock.Elapsed - stoppedAt));
            staleFrom = clock.Elapsed;
            await ExpectUnavailableAsync(await checks.CheckAsync(app.Operator));
            await Task.Delay(1000);

            restartAt = clock.Elapsed;
            await postgres.StartAgainAsync();
            restarted = true;
            recovered = await Poll.UntilAsync(async () => (await app.Operator.GetAsync($"/api/v1/organizations/{organization}/members")).StatusCode,
                status => status == HttpStatusCode.OK, "the member list again after the restart");
            recoveredAt = clock.Elapsed;
            await (await app.Operator.PostAsJsonAsync($"/api/v1/organizations/{organization}/scopes", new { name = "After" })).ExpectAsync(HttpStatusCode.Created);
            await checks.ExpectAnsweredAsync(app, "after the restart");
            var home = await HomeAsync(app, session);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Welcome", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await stopLoad.CancelAsync();
            if (!restarted)
            {
                // So that the server stops and its database can be dropped; the failure is reported as it was.
                await postgres.StartAgainAsync();
            }
        }
        await Task.WhenAll(load);

        var entries = log.ToList();
        output.WriteLine($"{entries.Count} requests under load; down at {down.TotalSeconds:F1} s, stale from {staleFrom.TotalSeconds:F1} s, restarted at {restartAt.TotalSeconds:F1} s, recovered by {recoveredAt.TotalSeconds:F1} s");
        foreach (var group in entries.GroupBy(e => (Phase(e.At), e.Status, e.Code)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key.Item1}: {(int)group.Key.Status} {group.Key.Code} × {group.Count()}");
        }
        Assert.All(entries, e => Assert.True(e.Status == HttpStatusCode.OK || (e.Status == HttpStatusCode.ServiceUnavailable && e.Code == "store_unavailable"),
            $"{e.What} at {e.At.TotalSeconds:F1} s answered {(int)e.Status} {e.Code}"));
        var withinLimit = entries.Where(e => e.At > down && e.At < stoppedAt + StaleLimit - TimeSpan.FromSeconds(3)).ToList();
        Assert.True(withinLimit.Count > 100, $"only {withinLimit.Count} requests within the limit");
        Assert.All(withinLimit, e => Assert.Equal(HttpStatusCode.OK, e.Status));
        var pastLimit = entries.Where(e => e.At > staleFrom && e.At < restartAt).ToList();
        Assert.NotEmpty(pastLimit);
        Assert.All(pastLimit, e => Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status));
        Assert.Equal(HttpStatusCode.OK, recovered);

        string Phase(TimeSpan at) => at < stoppedAt ? "1 up" : at < stoppedAt + StaleLimit ? "2 down, within the limit" : at < restartAt ? "3 down, past the limit" : "4 back";
    }

    /// <summary>The home page as a browser with only the session cookie opens it.</summary>
    private static async Task<HttpResponseMessage> HomeAsync(GatehouseApp app, string cookie)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Accept", "text/html");
        return await client.SendAsync(request);
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "store_unavailable");
        Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }

    /// <summary>The check, batch check and explain calls the load makes, by the operator and by the member about themself, with the answers they must give.</summary>
    private sealed class CheckCalls(Guid organization, Guid project, SeededMember member)
    {
        public Task<HttpResponseMessage> CheckAsync(HttpClient client) =>
            client.PostAsJsonAsync($"/api/v1/organizations/{organization}/check", new { userId = member.UserId, permission = "projects.edit", scopeId = project });

        public async Task<List<(string What, HttpStatusCode Status, string? Code)>> CallAllAsync(GatehouseApp app, int caller)
        {
            var client = caller % 2 == 0 ? app.Operator : member.Client;
            var results = new List<(string, HttpStatusCode, string?)>();
            foreach (var (what, call, expected) in Calls(client))
            {
                using var response = await call();
                var body = await response.Content.ReadAsStringAsync();
                string? code = null;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Contains(expected, body, StringComparison.Ordinal);
                }
                else if (body.StartsWith('{'))
                {
                    code = System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                }
                results.Add((what, response.StatusCode, code));
            }
            return results;
        }

        public async Task ExpectAnsweredAsync(GatehouseApp app, string when)
        {
            foreach (var client in new[] { app.Operator, member.Client })
            {
                foreach (var (what, call, expected) in Calls(client))
                {
                    using var response = await call();
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains(expected, StringComparison.Ordinal), $"{what} {when}: {(int)response.StatusCode} {body}");
                }
            }
        }

        private IEnumerable<(string What, Func<Task<HttpResponseMessage>> Call, string Expected)> Calls(HttpClient client)
        {
            yield return ("check", () => CheckAsync(client), "\"allowed\":true");
            yield return ("denied check", () => client.PostAsJsonAsync($"/api/v1/organizations/{organization}/check",
                new { userId = member.UserId, permission = "documents.delete", scopeId = project }), "\"allowed\":false");
            yield return ("batch", () => client.PostAsJsonAsync($"/api/v1/organizations/{organization}/check/batch", new
            {
                userId = member.UserId,
                checks = new object[] { new { permission = "projects.view", scopeId = project }, new { permission = "projects.view", scopeId = (Guid?)null } },
            }), "[true,false]");
            yield return ("explain", () => client.PostAsJsonAsync($"/api/v1/organizations/{organization}/explain",
                new { userId = member.UserId, permission = "projects.edit", scopeId = project }), "\"reason\":\"granted\"");
        }
    }
}
