using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Server.Tests.Oidc;

/// <summary>
/// A product as ASP.NET Core's templates make it: cookies plus the stock OpenIdConnect handler on its defaults, with only the authority,
/// the client, the code flow, saved tokens and the scopes set (and plain http allowed for the metadata, since both run on loopback).
/// It listens on a free port of 127.0.0.1; its pages say who is signed in, refresh the saved tokens as a product would, and sign out.
/// </summary>
public sealed class AspNetCoreProduct : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClientSettings _client;

    private AspNetCoreProduct(WebApplication app, ClientSettings client)
    {
        _app = app;
        _client = client;
    }

    /// <summary>Where the product answers.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Its redirect URI (to register with Gatehouse).</summary>
    public string RedirectUri => new Uri(BaseUrl, "/signin-oidc").ToString();

    /// <summary>Its post-logout redirect URI.</summary>
    public string PostLogoutRedirectUri => new Uri(BaseUrl, "/signout-callback-oidc").ToString();

    /// <summary>Starts the product against Gatehouse at <paramref name="authority"/>; <see cref="UseClient"/> before the first sign-in.</summary>
    public static async Task<AspNetCoreProduct> StartAsync(Uri authority)
    {
        var client = new ClientSettings();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                // Read at the first sign-in, once the client is registered for this product's own address.
                o.Authority = authority.ToString();
                o.ClientId = client.ClientId;
                o.ClientSecret = client.ClientSecret;
                o.ResponseType = "code";
                o.SaveTokens = true;
                o.Scope.Add("offline_access");
                o.RequireHttpsMetadata = false;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        // The handler maps 'name' to no claim type of its own (its NameClaimType is ClaimTypes.Name), so a product reads 'name' itself.
        app.MapGet("/", (ClaimsPrincipal user) => Results.Text($"Signed in as {user.FindFirstValue("name")} as {user.FindFirstValue(ClaimTypes.Role)} in {user.FindFirstValue("org_name")} ({user.FindFirstValue("org_id")})"))
            .RequireAuthorization();
        app.MapGet("/refresh", RefreshAsync).RequireAuthorization();
        app.MapGet("/sign-out", (HttpContext http) => Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Text("Signed out of the product"));
        var product = new AspNetCoreProduct(app, client);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        product.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return product;
    }

    /// <summary>The client Gatehouse registered for this product.</summary>
    public void UseClient(string clientId, string clientSecret) => (_client.ClientId, _client.ClientSecret) = (clientId, clientSecret);

    /// <summary>
    /// What a product does when its access token runs out: posts the saved refresh token to the token endpoint (from discovery), and
    /// keeps the new tokens in its cookie. Answers the new access token, so the test can use it.
    /// </summary>
    private static async Task<IResult> RefreshAsync(HttpContext http, IHttpClientFactory clients, Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions> options)
    {
        var oidc = options.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = session.Properties!;
        var refreshToken = properties.GetTokenValue("refresh_token");
        using var answer = await clients.CreateClient().PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken!, ["client_id"] = oidc.ClientId!, ["client_secret"] = oidc.ClientSecret!,
        }));
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        if (!answer.IsSuccessStatusCode)
        {
            return Results.Text("Refresh refused: " + body, statusCode: (int)answer.StatusCode);
        }
        properties.UpdateTokenValue("access_token", body.GetProperty("access_token").GetString()!);
        properties.UpdateTokenValue("refresh_token", body.GetProperty("refresh_token").GetString()!);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.Principal!, properties);
        return Results.Json(new { accessToken = body.GetProperty("access_token").GetString(), refreshed = refreshToken != body.GetProperty("refresh_token").GetString() });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ClientSettings
    {
        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }
    }
}
