using System.Net;
using System.Net.Http.Json;
using Gatehouse.Server.Oidc;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>CORS answers come from the node's memory, and a registration made anywhere applies on the next request.</summary>
public sealed class OidcOriginCacheTests
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AllowedOrigins_AreAnsweredFromMemory_AndARegistrationByTheCliOrThisNode_AppliesOnTheNextRequest(string store)
    {
        // A server of its own: another test's registrations would read the origins again and blur the count.
        await using var app = await GatehouseApp.StartAsync(store, settings: OidcKeyTests.Enabled);
        var cache = app.Services.GetRequiredService<OidcOriginCache>();
        using var http = app.CreateClient();
        const string cli = "https://cli-spa.example.com";
        const string api = "https://api-spa.example.com";

        Assert.Null(await AllowedOriginAsync(http, cli));
        var loads = cache.Loads;
        // The CLI is another process with its own memory, as another node is: this node learns of it on its next miss.
        var (exit, output) = await GatehouseCommand.RunAsync(["oidc-clients", "create", "--database", store, "--connection-string", app.ConnectionString,
            "--name", "Cli spa", "--type", "public", "--redirect-uri", cli + "/cb", "--allowed-origin", cli]);
        Assert.True(exit == 0, output);

        Assert.Equal(cli, await AllowedOriginAsync(http, cli));
        Assert.Equal(loads + 1, cache.Loads);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(cli, await AllowedOriginAsync(http, cli));
            Assert.Null(await AllowedOriginAsync(http, "https://unknown.example.com"));
        }
        // Neither an allowed origin nor an unknown one read the registrations again while none was added.
        Assert.Equal(loads + 1, cache.Loads);

        (await app.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new { name = "Api spa", type = "public", redirectUris = new[] { api + "/cb" } }))
            .EnsureSuccessStatusCode();
        Assert.Equal(api, await AllowedOriginAsync(http, api));
        Assert.Equal(cli, await AllowedOriginAsync(http, cli));
        Assert.Equal(loads + 2, cache.Loads);
    }

    private static async Task<string?> AllowedOriginAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/connect/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(", ", values) : null;
    }
}
