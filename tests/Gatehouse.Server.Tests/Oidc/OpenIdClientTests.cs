using System.Text.Json;
using Gatehouse.Server.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>The node relying party of a test class, started on first use.</summary>
public sealed class OpenIdClientRp : IAsyncDisposable
{
    private readonly Lazy<NodeRelyingParty> _rp = new(NodeRelyingParty.Start);

    /// <summary>The running relying party.</summary>
    public NodeRelyingParty Rp => _rp.Value;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_rp.IsValueCreated)
        {
            await _rp.Value.DisposeAsync();
        }
    }
}

/// <summary>
/// openid-client (OpenID certified, npm) as a product's back end against the real server: discovery, PKCE S256 + state + nonce, the real
/// sign-in page in Chromium, the code exchange with its ID token validation, userinfo, refresh rotation, revocation, and the conformance
/// suite's negative cases as the library meets them.
/// </summary>
public sealed class OpenIdClientTests(OidcListeningServers servers, Browser browser, OpenIdClientRp node) : IClassFixture<OpenIdClientRp>
{
    private NodeRelyingParty Rp => node.Rp;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenIdClient_SignsInThroughTheSignInPage_ValidatesTheIdToken_ReadsUserinfo_RefreshRotates_AndRevocationEndsIt(string store)
    {
        var (app, client, member, email) = await SetUpAsync(store, "Rp flow");
        await using var context = await browser.NewContextAsync(app.BaseUrl);

        var tokens = await SignInAsync(await context.NewPageAsync(), client, email);
        var userinfo = (await Rp.CallAsync("userinfo", new { clientId = client.ClientId, accessToken = Text(tokens, "access_token"), sub = member.UserId.ToString() })).GetProperty("claims");
        var refreshed = await Rp.CallAsync("refresh", new { clientId = client.ClientId, refreshToken = Text(tokens, "refresh_token") });
        await Rp.CallAsync("revoke", new { clientId = client.ClientId, token = Text(refreshed, "refresh_token"), hint = "refresh_token" });
        var afterRevoke = await Rp.TryAsync("refresh", new { clientId = client.ClientId, refreshToken = Text(refreshed, "refresh_token") });

        Assert.Equal(member.UserId.ToString(), Text(tokens.GetProperty("claims"), "sub"));
        Assert.Equal(app.BaseUrl.ToString(), Text(tokens.GetProperty("claims"), "iss"));
        Assert.Equal((email, "Grace Hopper"), (Text(userinfo, "email"), Text(userinfo, "name")));
        Assert.Equal(Text(tokens.GetProperty("claims"), "org_id"), Text(userinfo, "org_id"));
        Assert.NotEqual(Text(tokens, "refresh_token"), Text(refreshed, "refresh_token"));
        Assert.Equal(member.UserId.ToString(), Text(refreshed.GetProperty("claims"), "sub"));
        Assert.Equal("invalid_grant", Text(afterRevoke, "error"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenIdClient_ReusingACode_IsInvalidGrant_AndRevokesTheTokensTheFirstExchangeGave(string store)
    {
        var (app, client, _, email) = await SetUpAsync(store, "Rp code reuse");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var start = await Rp.CallAsync("authorize", new { clientId = client.ClientId, redirectUri = client.RedirectUri, scope = "openid offline_access" });
        var callback = await OidcListeningServers.BrowseToCallbackAsync(await context.NewPageAsync(), Text(start, "url"), client.RedirectUri, email);
        var first = await Rp.CallAsync("callback", new { clientId = client.ClientId, url = callback, state = Text(start, "state") });

        var second = await Rp.TryAsync("callback", new { clientId = client.ClientId, url = callback, state = Text(start, "state") });
        var refresh = await Rp.TryAsync("refresh", new { clientId = client.ClientId, refreshToken = Text(first, "refresh_token") });
        var userinfo = await Rp.TryAsync("userinfo", new { clientId = client.ClientId, accessToken = Text(first, "access_token"), sub = Text(first.GetProperty("claims"), "sub") });

        Assert.Equal("invalid_grant", Text(second, "error"));
        // RFC 6749 §4.1.2: a code used twice may have been stolen, so what it gave is revoked (OpenIddict revokes the whole authorization).
        Assert.Equal("invalid_grant", Text(refresh, "error"));
        Assert.False(userinfo.GetProperty("ok").GetBoolean(), "The access token of a reused code still reads userinfo: " + userinfo);
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenIdClient_PromptNoneWithoutSession_IsLoginRequired_AndMaxAge_SignsInAgainWithANewerAuthTime(string store)
    {
        var (app, client, _, email) = await SetUpAsync(store, "Rp prompts");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        var silent = await Rp.CallAsync("authorize", new { clientId = client.ClientId, redirectUri = client.RedirectUri, scope = "openid", extra = new { prompt = "none" } });
        var silentBack = await OidcListeningServers.BrowseToCallbackAsync(page, Text(silent, "url"), client.RedirectUri, null);
        var refused = await Rp.TryAsync("callback", new { clientId = client.ClientId, url = silentBack, state = Text(silent, "state") });
        Assert.Equal("login_required", Text(refused, "error"));

        var first = await SignInAsync(page, client, email);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var again = await Rp.CallAsync("authorize", new { clientId = client.ClientId, redirectUri = client.RedirectUri, scope = "openid", extra = new { max_age = "1" } });
        var signInShown = false;
        var againBack = await OidcListeningServers.BrowseToCallbackAsync(page, Text(again, "url"), client.RedirectUri, email, () => signInShown = true);
        // openid-client itself checks that auth_time is within max_age.
        var second = await Rp.CallAsync("callback", new { clientId = client.ClientId, url = againBack, state = Text(again, "state") });

        Assert.True(signInShown, "max_age=1 on a session older than a second did not show the sign-in page again.");
        Assert.True(second.GetProperty("claims").GetProperty("auth_time").GetInt64() > first.GetProperty("claims").GetProperty("auth_time").GetInt64());
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task KeysRotate_WhileTokensAreOut_OldTokensStillValidate_NewOnesUseTheNewKey_AndAnEarlierRefreshTokenStillRefreshes(string store)
    {
        var (app, client, _, email) = await SetUpAsync(store, "Rp rotation");
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var before = await SignInAsync(await context.NewPageAsync(), client, email);

        var (exit, output) = await GatehouseCommand.RunAsync("keys", "rotate", "--json", "--database", store, "--connection-string", app.ConnectionString);
        Assert.True(exit == 0, output);
        // The command ran in its own process: the server picks the keys up at its next check, made now.
        await app.Services.GetRequiredService<OidcKeyRing>().LoadAsync(CancellationToken.None);

        var oldAccess = await Rp.CallAsync("verify", new { clientId = client.ClientId, jwt = Text(before, "access_token") });
        var oldId = await Rp.CallAsync("verify", new { clientId = client.ClientId, jwt = Text(before, "id_token"), audience = client.ClientId });
        var after = await Rp.CallAsync("refresh", new { clientId = client.ClientId, refreshToken = Text(before, "refresh_token") });
        var newAccess = await Rp.CallAsync("verify", new { clientId = client.ClientId, jwt = Text(after, "access_token") });

        var made = JsonDocument.Parse(output).RootElement.GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Equal(Text(before, "id_token_kid"), Text(oldId, "kid"));
        Assert.Equal(Text(before, "id_token_kid"), Text(oldAccess, "kid"));
        Assert.DoesNotContain(Text(before, "id_token_kid"), made);
        Assert.Contains(Text(after, "id_token_kid"), made);
        Assert.Contains(Text(newAccess, "kid"), made);
    }

    private async Task<(GatehouseApp App, TestClient Client, SeededMember Member, string Email)> SetUpAsync(string store, string organization)
    {
        var app = await servers.GetAsync(store);
        var (member, email) = await OidcFlow.PersonAsync(app, await app.CreateOrganizationAsync(organization));
        var client = await OidcListeningServers.RegisterAsync(app, "confidential");
        var discovered = await Rp.CallAsync("discover", new { issuer = app.BaseUrl.ToString(), clientId = client.ClientId, clientSecret = client.Secret });
        Assert.Equal(app.BaseUrl.ToString(), Text(discovered, "issuer"));
        return (app, client, member, email);
    }

    /// <summary>openid-client's authorization URL, the real sign-in page in Chromium, then openid-client's code exchange.</summary>
    private async Task<JsonElement> SignInAsync(Microsoft.Playwright.IPage page, TestClient client, string email)
    {
        var start = await Rp.CallAsync("authorize", new { clientId = client.ClientId, redirectUri = client.RedirectUri, scope = "openid profile email offline_access" });
        var callback = await OidcListeningServers.BrowseToCallbackAsync(page, Text(start, "url"), client.RedirectUri, email);
        return await Rp.CallAsync("callback", new { clientId = client.ClientId, url = callback, state = Text(start, "state") });
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new Xunit.Sdk.XunitException($"No '{name}' in {element}");
}
