using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The one-time setup link printed at first start creates the first platform operator, once.</summary>
public sealed partial class SetupTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetupPage_CreatesThePlatformOperator_AndTheLinkWorksOnce(string store)
    {
        const string publicUrl = "https://access.example.test";
        await using var app = await GatehouseApp.StartAsync(store, setUp: false, settings: new Dictionary<string, string> { ["Gatehouse:PublicUrl"] = publicUrl });
        var token = app.SetupToken();
        using var browser = app.CreateClient();

        var page = await browser.GetStringAsync($"/setup?token={token}");
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "The setup form carries an antiforgery token.");
        var form = new Dictionary<string, string>
        {
            [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
            ["token"] = token,
            ["email"] = "first@example.com",
            ["firstName"] = "Fran",
            ["lastName"] = "First",
            ["password"] = "a long first password",
        };
        var done = await browser.PostAsync("/setup", new FormUrlEncodedContent(form));
        var html = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var key = ApiKeyOnPage().Match(html).Value;
        Assert.StartsWith("ghk_", key, StringComparison.Ordinal);
        // The page names the server's own address (its public URL, not a fixed port) and leads on to sign-in.
        Assert.Contains($"{publicUrl}/api/v1/me</code>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{publicUrl}/account/sign-in\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("5080", html, StringComparison.Ordinal);

        using var operatorClient = app.ClientWithKey(key);
        var me = await (await operatorClient.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(me.GetProperty("isPlatformOperator").GetBoolean());

        var again = await browser.PostAsJsonAsync("/api/v1/setup", new { token, email = "second@example.com", firstName = "S", lastName = "Second", password = "another long password" });
        await again.ExpectProblemAsync(HttpStatusCode.Forbidden, "invalid_setup_token");
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetupForm_WithoutAntiforgeryToken_IsRefused_AndCreatesNothing(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false);
        using var browser = app.CreateClient();

        var response = await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = app.SetupToken(), ["email"] = "forged@example.com", ["firstName"] = "F", ["lastName"] = "F", ["password"] = "a long forged password",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.InDatabaseAsync(db => Task.FromResult(db.PlatformOperators.Count())));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetupApi_WithAWrongToken_IsRefused(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/setup", new { token = "ghs_wrong", email = "x@example.com", firstName = "X", lastName = "Y", password = "a long enough password" });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "invalid_setup_token");
        Assert.Equal(0, await app.InDatabaseAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SetupApi_RacingWithOneToken_CreatesExactlyOneOperator(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, setUp: false);
        var token = app.SetupToken();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => app.CreateClient().PostAsJsonAsync("/api/v1/setup",
            new { token, email = $"racer{i}@example.com", firstName = "Racer", lastName = $"No{i}", password = "a long racing password" })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, await app.InDatabaseAsync(db => Task.FromResult(db.PlatformOperators.Count())));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnonymousEndpoints_AreRateLimitedPerAddress_WithAProblemAnswer(string store)
    {
        await using var app = await GatehouseApp.StartAsync(store, settings: new Dictionary<string, string> { ["Gatehouse:AnonymousRequestsPerMinute"] = "3" });
        using var client = app.CreateClient();

        // The setup call that created the operator used the first of the three permits.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/invitations/lookup", new { token = $"ghi_unknown{i}" }));
        }

        Assert.All(answers.Take(2), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        await answers[2].ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(answers[2].Headers.RetryAfter is not null, "A 429 says when to come back.");
        // Calls with an API key are not limited by this.
        await (await app.Operator.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("ghk_[A-Za-z0-9_-]+")]
    private static partial Regex ApiKeyOnPage();
}
