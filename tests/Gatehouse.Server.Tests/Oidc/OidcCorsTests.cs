using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>Allowed origins of a client registration, and CORS on the endpoints browser apps call: a registered origin only, never '*'.</summary>
public sealed class OidcCorsTests(OidcServers servers)
{
    private const string Clients = "/api/v1/platform/oidc-clients";

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AllowedOrigins_DefaultToAPublicClientsRedirectOrigins_NoneForConfidential_AndBadOnesAreRefusedWithTheField(string store)
    {
        var app = await servers.GetAsync(store);
        var before = await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync());
        foreach (var bad in new[] { "*", "https://app.example.com/path", "http://app.example.com", "https://app.example.com?x=1", "null", "app.example.com", "https://*.example.com" })
        {
            var invalid = await (await app.Operator.PostAsJsonAsync(Clients, new { name = "Bad", type = "public", redirectUris = new[] { "https://a.example.com/cb" }, allowedOrigins = new[] { bad } }))
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", invalid.GetProperty("code").GetString());
            Assert.Contains("allowedOrigins", invalid.GetRawText(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await app.InDatabaseAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync()));

        var spa = await CreateAsync(app, new { name = "Spa", type = "public", redirectUris = new[] { "https://App.Example.com:443/cb", "http://localhost:5173/cb", "https://app.example.com/other" } });
        var backEnd = await CreateAsync(app, new { name = "Back end", type = "confidential", redirectUris = new[] { "https://api.example.com/cb" } });
        var chosen = await CreateAsync(app, new { name = "Chosen", type = "public", redirectUris = new[] { "https://a.example.com/cb" }, allowedOrigins = new[] { "https://Other.example.com/", "http://127.0.0.1:8080" } });
        var none = await CreateAsync(app, new { name = "None", type = "public", redirectUris = new[] { "https://a.example.com/cb" }, allowedOrigins = Array.Empty<string>() });

        Assert.Equal(["https://app.example.com", "http://localhost:5173"], Origins(spa));
        Assert.Empty(Origins(backEnd));
        Assert.Equal(["https://other.example.com", "http://127.0.0.1:8080"], Origins(chosen));
        Assert.Empty(Origins(none));
        var listed = (await (await app.Operator.GetAsync(Clients)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(c => c.GetProperty("clientId").GetString() == chosen.GetProperty("clientId").GetString());
        Assert.Equal(Origins(chosen), Origins(listed));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TokenUserinfoRevocationDiscoveryJwks_AnswerCorsForARegisteredOrigin_AndNothingForAnother(string store)
    {
        var app = await servers.GetAsync(store);
        var origin = $"https://spa{Guid.NewGuid():N}.example.com";
        await CreateAsync(app, new { name = "Cors", type = "public", redirectUris = new[] { origin + "/callback" } });
        using var http = app.CreateClient();

        foreach (var path in new[] { "/connect/token", "/connect/userinfo", "/connect/revoke", "/.well-known/openid-configuration", "/.well-known/jwks" })
        {
            var preflight = await SendAsync(http, HttpMethod.Options, path, origin, preflight: true);
            var otherPreflight = await SendAsync(http, HttpMethod.Options, path, origin + ".evil.example", preflight: true);
            var prefixOfIt = await SendAsync(http, HttpMethod.Options, path, origin[..^4], preflight: true);

            Assert.True(preflight.StatusCode == HttpStatusCode.NoContent, $"{path}: {preflight.StatusCode}");
            Assert.Equal(origin, Header(preflight, "Access-Control-Allow-Origin"));
            Assert.Contains("POST", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
            Assert.Contains("Authorization", Header(preflight, "Access-Control-Allow-Headers"), StringComparison.Ordinal);
            Assert.Null(Header(preflight, "Access-Control-Allow-Credentials"));
            Assert.Contains("Origin", Header(preflight, "Vary"), StringComparison.Ordinal);
            foreach (var refused in new[] { otherPreflight, prefixOfIt })
            {
                Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
                Assert.Null(Header(refused, "Access-Control-Allow-Methods"));
            }
        }
        var discovery = await SendAsync(http, HttpMethod.Get, "/.well-known/openid-configuration", origin);
        var tokenError = await SendAsync(http, HttpMethod.Post, "/connect/token", origin, form: new() { ["grant_type"] = "authorization_code", ["code"] = "nope", ["client_id"] = "ghc_unknown" });
        var userinfoError = await SendAsync(http, HttpMethod.Get, "/connect/userinfo", origin);
        var otherDiscovery = await SendAsync(http, HttpMethod.Get, "/.well-known/openid-configuration", "https://elsewhere.example.com");

        Assert.Equal((HttpStatusCode.OK, origin), (discovery.StatusCode, Header(discovery, "Access-Control-Allow-Origin")));
        // Errors carry the header too, so the app can read why.
        Assert.Equal(origin, Header(tokenError, "Access-Control-Allow-Origin"));
        Assert.Equal((HttpStatusCode.Unauthorized, origin), (userinfoError.StatusCode, Header(userinfoError, "Access-Control-Allow-Origin")));
        Assert.Contains("WWW-Authenticate", Header(userinfoError, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherDiscovery.StatusCode);
        Assert.Null(Header(otherDiscovery, "Access-Control-Allow-Origin"));
        // Gatehouse's own API and pages answer no origin.
        Assert.Null(Header(await SendAsync(http, HttpMethod.Options, Clients, origin, preflight: true), "Access-Control-Allow-Origin"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Cli_RegistersAllowedOrigins(string store)
    {
        var app = await servers.GetAsync(store);

        // The configuration's options (read by the host, not the command) may follow a repeatable option without being taken as its values.
        var (exit, output) = await GatehouseCommand.RunAsync(["oidc-clients", "create", "--name", "Cli spa", "--type", "public", "--redirect-uri", "https://spa.example.com/cb",
            "--database", store, "--allowed-origin", "https://spa.example.com", "--allowed-origin", "https://spa2.example.com", "--connection-string", app.ConnectionString, "--json"]);

        Assert.True(exit == 0, output);
        var client = JsonDocument.Parse(output).RootElement.GetProperty("client");
        Assert.Equal(["https://spa.example.com", "https://spa2.example.com"], Origins(client));
        Assert.Equal(["https://spa.example.com/cb"], client.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()).ToList());
    }

    private static async Task<JsonElement> CreateAsync(GatehouseApp app, object body) =>
        (await (await app.Operator.PostAsJsonAsync(Clients, body)).ExpectAsync(HttpStatusCode.Created)).GetProperty("client");

    private static List<string?> Origins(JsonElement client) => [.. client.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString())];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string origin, bool preflight = false, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        if (preflight)
        {
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization");
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        return await http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
