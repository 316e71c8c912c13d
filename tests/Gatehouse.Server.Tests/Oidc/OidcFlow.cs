using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>A registered client as the tests use it.</summary>
public sealed record TestClient(string ClientId, string? Secret, string RedirectUri);

/// <summary>Where an authorization request ended: at the product's redirect URI (with its parameters) or on a Gatehouse page.</summary>
public sealed record AuthorizationOutcome(Dictionary<string, string> Parameters, HttpResponseMessage? Page, string? PageUrl)
{
    /// <summary>The code, when one was issued.</summary>
    public string Code => Parameters.TryGetValue("code", out var code) ? code
        : throw new Xunit.Sdk.XunitException($"No code: {JsonSerializer.Serialize(Parameters)} at {PageUrl}: {(int?)Page?.StatusCode} {Page?.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
}

/// <summary>Driving the provider the way a product and a browser would, over HTTP.</summary>
public static class OidcFlow
{
    /// <summary>The issuer of the in-memory test servers.</summary>
    public const string Issuer = "http://127.0.0.1/";

    /// <summary>Registers a client through the platform API.</summary>
    public static async Task<TestClient> RegisterAsync(GatehouseApp app, string type = "public", bool firstParty = true, bool parRequired = false, Guid? organizationId = null)
    {
        var redirect = $"https://product{Guid.NewGuid():N}.example.com/signin-oidc";
        var created = await (await app.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new
        {
            name = "Product " + Guid.NewGuid().ToString("N")[..6], type, redirectUris = new[] { redirect },
            postLogoutRedirectUris = new[] { redirect.Replace("signin-oidc", "signout-callback-oidc", StringComparison.Ordinal) }, parRequired, firstParty, organizationId,
        })).ExpectAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret");
        return new TestClient(created.GetProperty("client").GetProperty("clientId").GetString()!, secret.ValueKind == JsonValueKind.String ? secret.GetString() : null, redirect);
    }

    /// <summary>A new person with a password, member of <paramref name="organizationId"/> with <paramref name="role"/> organization-wide; their email.</summary>
    public static async Task<(SeededMember Member, string Email)> PersonAsync(GatehouseApp app, Guid organizationId, string role = "admin", string first = "Grace", string last = "Hopper",
        string? email = null)
    {
        email ??= $"p{Guid.NewGuid():N}@example.com";
        var member = await app.SeedMemberAsync(organizationId, email, [new Gatehouse.Core.Grants.GrantSpec(role, null)], firstName: first, lastName: last);
        await app.SetPasswordAsync(member.UserId, AccountBrowsing.Password);
        return (member, email);
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through the sign-in page.</summary>
    public static async Task<HttpClient> SignedInAsync(GatehouseApp app, string email, string password = AccountBrowsing.Password)
    {
        var browser = app.PageClient();
        var answer = await browser.SignInAsync(email, password);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.SessionCookie() is not null, "Sign-in failed: " + await answer.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>A PKCE verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The address of an authorization request for <paramref name="client"/> with PKCE S256 and the given extras.</summary>
    public static string AuthorizeUrl(TestClient client, string challenge, string scope = "openid profile email offline_access", IDictionary<string, string?>? extra = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = client.ClientId, ["redirect_uri"] = client.RedirectUri, ["response_type"] = "code", ["scope"] = scope,
            ["state"] = "st" + Guid.NewGuid().ToString("N")[..8], ["nonce"] = "n" + Guid.NewGuid().ToString("N")[..8],
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            parameters[key] = value;
        }
        return QueryHelpers.AddQueryString("/connect/authorize", parameters.Where(p => p.Value is not null));
    }

    /// <summary>
    /// Opens <paramref name="url"/> and follows Gatehouse's own redirects until the product's redirect URI (its parameters) or a page
    /// that waits for the person (returned for the test to act on).
    /// </summary>
    public static async Task<AuthorizationOutcome> FollowAsync(HttpClient browser, TestClient client, string url)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await browser.GetAsync(url);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return new AuthorizationOutcome([], response, url);
            }
            var location = response.Headers.Location!.OriginalString;
            if (location.StartsWith(client.RedirectUri, StringComparison.Ordinal))
            {
                // The query, or the fragment for response types that answer there.
                var answered = new Uri(location);
                var parameters = QueryHelpers.ParseQuery(answered.Query.Length > 1 ? answered.Query : "?" + answered.Fragment.TrimStart('#'));
                return new AuthorizationOutcome(parameters.ToDictionary(p => p.Key, p => p.Value.ToString()), null, location);
            }
            if (location.Contains("/account/sign-in", StringComparison.Ordinal))
            {
                return new AuthorizationOutcome([], response, location);
            }
            url = location;
        }
        throw new Xunit.Sdk.XunitException("Too many redirects from " + url);
    }

    /// <summary>Posts the sign-in form of the page <paramref name="signInUrl"/> sent to, then follows on.</summary>
    public static async Task<AuthorizationOutcome> SignInThenFollowAsync(HttpClient browser, TestClient client, string signInUrl, string email, string password = AccountBrowsing.Password)
    {
        var path = signInUrl.StartsWith("http", StringComparison.Ordinal) ? new Uri(signInUrl).PathAndQuery : signInUrl;
        var answer = await browser.SubmitAsync(path, new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return await FollowAsync(browser, client, answer.Headers.Location!.OriginalString);
    }

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="pageUrl"/> as its button <paramref name="button"/>=<paramref name="value"/> would.</summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string pageUrl, string formName, string button, string value)
    {
        var page = await browser.GetAsync(pageUrl);
        page.EnsureSuccessStatusCode();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = document.Forms.First(f => f.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == formName));
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Append(new(button, value));
        return await browser.PostAsync(pageUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a token request with the client's credentials (in the form, as ASP.NET Core's handler does).</summary>
    public static Task<HttpResponseMessage> TokenAsync(HttpClient http, TestClient client, Dictionary<string, string> form)
    {
        form["client_id"] = client.ClientId;
        if (client.Secret is not null)
        {
            form["client_secret"] = client.Secret;
        }
        return http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    /// <summary>Redeems a code; returns the token answer (200 asserted).</summary>
    public static async Task<JsonElement> RedeemAsync(HttpClient http, TestClient client, string code, string verifier) =>
        await (await TokenAsync(http, client, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["redirect_uri"] = client.RedirectUri }))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>Signs in through the pages and runs the code flow to its tokens.</summary>
    public static async Task<JsonElement> SignInToTokensAsync(GatehouseApp app, TestClient client, string email, IDictionary<string, string?>? extra = null)
    {
        using var browser = await SignedInAsync(app, email);
        var (verifier, challenge) = Pkce();
        var outcome = await FollowAsync(browser, client, AuthorizeUrl(client, challenge, extra: extra));
        using var http = app.CreateClient();
        return await RedeemAsync(http, client, outcome.Code, verifier);
    }

    /// <summary>Posts to introspection as <paramref name="caller"/> (a confidential client); returns the answer.</summary>
    public static async Task<JsonElement> IntrospectAsync(HttpClient http, TestClient caller, string token) =>
        await (await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = caller.ClientId, ["client_secret"] = caller.Secret!, ["token"] = token,
        }))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Validates a JWT's signature against the server's JWKS, its issuer and audience; returns its claims.</summary>
    public static async Task<JsonWebToken> ValidateAsync(HttpClient http, string jwt, string? audience)
    {
        var keys = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.GetSigningKeys(), ValidIssuer = Issuer, ValidAudience = audience, ValidateAudience = audience is not null,
            ValidateLifetime = true,
        });
        Assert.True(result.IsValid, "Token not valid: " + result.Exception);
        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The OAuth error of an answer (JSON body).</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ExpectAsync(status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
        return body.GetProperty("error").GetString()!;
    }
}
