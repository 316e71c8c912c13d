using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>
/// Signing in with any ReturnUrl a link may carry: never a 500, never a redirect to another site, and the session
/// cookie set. Over a real socket, because Kestrel (not the in-memory test server) refuses bad Location headers.
/// </summary>
public sealed class ReturnUrlTests(ServerPool servers)
{
    private static readonly string[] Prefixes =
        ["/", "/", "/", "//", "/\\", "\\", "\\\\", "http://", "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example",
         "javascript:", " /", "/%2F", "%2F", "/.", "/..", "", "/?", "/#", "http:/evil.example"];

    private static readonly char[] Characters =
        [.. "abcXYZ019-._~!$&'()*+,;=:@/?#%\\\"<>^`{|} []", '\t', '\n', '\r', '\0', '\x1f', '\x7f', 'é', '\u00a0', '\u2028', '\u2029', 'ß', '中', '\ufeff', '\ud83d', '\ude00'];

    private static readonly Arbitrary<string> ReturnUrlArbitrary =
        (from prefix in Gen.Elements(Prefixes)
         from rest in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(Characters), n))
         select prefix + new string(rest)).ToArbitrary();

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignIn_WithTheReturnUrlsTheIssueNamed_RedirectsThere_Encoded_AndSetsTheCookie(string store)
    {
        var app = await servers.GetListeningAsync(store);

        foreach (var (returnUrl, location) in new[] { ("/é", "/%C3%A9"), ("/\u00a0", "/%C2%A0"), ("/\u2028", "/%E2%80%A8"), ("/orgs?q=a b", "/orgs?q=a%20b") })
        {
            var outcome = await SignInAsync(app, returnUrl);

            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
            Assert.NotNull(outcome.SessionCookie);
            Assert.Equal(new Uri(app.BaseUrl, location), outcome.Location);
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SignIn_WithAnyReturnUrl_NeverFails_NeverLeavesTheSite_AndSetsTheCookie(string store)
    {
        var app = await servers.GetListeningAsync(store);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(ReturnUrlArbitrary, returnUrl =>
        {
            // FsCheck's properties are synchronous: the requests run on the pool, away from the test's context.
            var outcome = Task.Run(() => SignInAsync(app, returnUrl)).GetAwaiter().GetResult();
            if (outcome.Status == HttpStatusCode.BadRequest && returnUrl.Contains('\0', StringComparison.Ordinal))
            {
                return; // A NUL in any text input is refused as invalid input, here before the form is shown.
            }
            Assert.True(outcome.Status == HttpStatusCode.Redirect, $"ReturnUrl {Show(returnUrl)} answered {(int)outcome.Status}.");
            Assert.True(outcome.SessionCookie is not null, $"ReturnUrl {Show(returnUrl)} set no session cookie.");
            var location = outcome.Location!;
            Assert.True((location.Scheme, location.Authority) == (app.BaseUrl.Scheme, app.BaseUrl.Authority), $"ReturnUrl {Show(returnUrl)} redirected to {location}.");
            Assert.True(outcome.RawLocation!.All(c => c is > ' ' and < '\x7f' and not '\\'), $"ReturnUrl {Show(returnUrl)} gave the Location {Show(outcome.RawLocation!)}.");
        }));
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/orgs/1/members?q=x#top", "/orgs/1/members?q=x#top")]
    [InlineData("/a%2Fb%zz%4", "/a%2Fb%25zz%254")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/%09/evil.example")]
    [InlineData("/a\\b\r\n", "/a%5Cb%0D%0A")]
    public void Local_KeepsPathsHere_AndEncodesThemToAscii(string? returnUrl, string expected)
    {
        Assert.Equal(expected, ReturnUrls.Local(returnUrl));
    }

    private sealed record Outcome(HttpStatusCode Status, string? RawLocation, Uri? Location, string? SessionCookie);

    private static async Task<Outcome> SignInAsync(GatehouseApp app, string returnUrl)
    {
        using var client = app.PageClient();
        // Every UTF-8 byte escaped (a lone surrogate becomes U+FFFD, as a browser would send it).
        var path = "/account/sign-in?ReturnUrl=" + string.Concat(System.Text.Encoding.UTF8.GetBytes(returnUrl).Select(b => $"%{b:X2}"));
        using var page = await client.GetAsync(path);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return new Outcome(page.StatusCode, null, null, null);
        }
        using var response = await client.SubmitAsync(path, new Dictionary<string, string> { ["email"] = "operator@gatehouse.test", ["password"] = "a long operator password" });
        var raw = response.Headers.TryGetValues("Location", out var values) ? values.Single() : null;
        return new Outcome(response.StatusCode, raw, raw is null ? null : new Uri(new Uri(app.BaseUrl, "/account/sign-in"), raw), response.SessionCookie());
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
