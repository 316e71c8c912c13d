using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Server.Tests.Support;
using Microsoft.Playwright;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The API reference for people at /api/docs (Scalar) in real Chromium: it renders the served document under its own nonce policy and loads nothing from other hosts.</summary>
public sealed partial class ApiReferenceTests(ServerPool servers, Browser browser)
{
    [Fact]
    public async Task The_reference_renders_every_capability_without_a_policy_violation_or_another_host()
    {
        var app = await servers.GetListeningAsync("sqlite");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                hosts.Add(url.Authority);
            }
        };

        await page.GotoAsync("/api/docs/");

        // The reference is a 3 MB script that renders the whole document: give it time on a busy machine.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gatehouse API" }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "List your API keys" })).ToBeVisibleAsync();
        foreach (var tag in new[] { "Invitations", "Members", "Scopes", "Access checks", "Audit" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = tag, Exact = true })).ToBeAttachedAsync();
        }
        Assert.Empty(violations);
        Assert.Equal([app.BaseUrl.Authority], hosts);
    }

    [Fact]
    public async Task Each_answer_carries_a_fresh_nonce_that_its_scripts_and_its_policy_share()
    {
        var app = await servers.GetAsync("sqlite");
        var client = app.CreateClient();

        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync("/api/docs/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            var nonce = PolicyNonce().Match(policy).Groups[1].Value;
            Assert.NotEmpty(nonce);
            Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
            var html = await response.Content.ReadAsStringAsync();
            var scripts = ScriptTag().Matches(html);
            Assert.NotEmpty(scripts);
            Assert.All(scripts, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            nonces.Add(nonce);
        }
        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [GeneratedRegex("script-src [^;]*'nonce-([0-9a-f]+)'")]
    private static partial Regex PolicyNonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
