using System.Net;
using System.Net.Http.Json;
using Gatehouse.AspNetCore;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Server.Tests.Sdk.AspNetCore;

/// <summary>
/// A product built on Gatehouse.AspNetCore as its README says, listening on a free port of 127.0.0.1 and registered with the
/// Gatehouse at <see cref="Gatehouse"/> as a confidential, first-party client. Its projects' documents need permissions.
/// </summary>
public sealed class GatehouseProduct : IAsyncDisposable
{
    /// <summary>What a document toolbar shows, asked in one call.</summary>
    public static readonly string[] ToolbarPermissions = ["documents.view", "documents.create", "documents.edit", "documents.delete"];

    private readonly WebApplication _app;

    private GatehouseProduct(WebApplication app, Uri baseUrl, GatehouseApp gatehouse, GatehouseTrouble trouble)
    {
        (_app, BaseUrl, Gatehouse, Trouble) = (app, baseUrl, gatehouse, trouble);
    }

    /// <summary>Where the product answers.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The Gatehouse it signs people in with.</summary>
    public GatehouseApp Gatehouse { get; }

    /// <summary>What its REST API calls meet, and how many batches it sent.</summary>
    public GatehouseTrouble Trouble { get; }

    /// <summary>Registers and starts a product; <paramref name="configure"/> adjusts its options after the test's defaults.</summary>
    public static async Task<GatehouseProduct> StartAsync(GatehouseApp gatehouse, Action<GatehouseOptions>? configure = null)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{MailServer.FreePort()}/");
        var created = await (await gatehouse.Operator.PostAsJsonAsync("/api/v1/platform/oidc-clients", new
        {
            name = "Gatehouse.AspNetCore product " + Guid.NewGuid().ToString("N")[..6], type = "confidential",
            redirectUris = new[] { new Uri(baseUrl, "/signin-oidc").ToString() }, postLogoutRedirectUris = new[] { new Uri(baseUrl, "/signout-callback-oidc").ToString() },
            firstParty = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var trouble = new GatehouseTrouble();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, baseUrl.Port));
        builder.Services.AddGatehouse(o =>
        {
            o.Authority = gatehouse.BaseUrl;
            o.ClientId = created.GetProperty("client").GetProperty("clientId").GetString();
            o.ClientSecret = created.GetProperty("clientSecret").GetString();
            o.RequireHttpsMetadata = false;
            // Generous, so a slow answer on a loaded CI machine is not taken for an outage (an unanswered session check keeps
            // the session, an unanswered check refuses); the outage tests assert the bound itself.
            o.CheckTimeout = TimeSpan.FromSeconds(5);
            o.CacheFor = TimeSpan.FromMinutes(5);
            configure?.Invoke(o);
        });
        // One handler for the product's whole life, so the count covers every call.
        builder.Services.AddHttpClient(GatehouseDefaults.ApiHttpClient).AddHttpMessageHandler(() => trouble).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGatehouse();
        app.MapGet("/", (HttpContext http) => $"Signed in as {http.User.Identity!.Name} in {http.User.GetGatehouseIdentity()!.OrganizationName}").RequireAuthorization();
        // The product's switch button: a form with the page's antiforgery token (another site has no way to get one).
        app.MapGet("/switch", (HttpContext http, IAntiforgery antiforgery, string? organizationId, string returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Content($"<form method=\"post\" action=\"/gatehouse/switch-organization\"><input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">"
                + $"<input type=\"hidden\" name=\"organizationId\" value=\"{WebUtility.HtmlEncode(organizationId)}\"><input type=\"hidden\" name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(returnUrl)}\">"
                + "<button type=\"submit\">Switch</button></form>", "text/html");
        });
        app.MapGet("/whoami", (HttpContext http) => http.User.GetGatehouseIdentity() is { } who ? $"{who.Name} in {who.OrganizationId}" : "nobody");
        app.MapGet("/projects/{projectId}/documents", (string projectId) => $"Documents of {projectId}")
            .RequirePermission("documents.view", ScopeFrom.Route("projectId"));
        app.MapGet("/toolbar", async (Guid projectId, IGatehouseAccess access) =>
        {
            var answers = await access.CheckAsync(ToolbarPermissions.Select(p => new PermissionQuestion(p, projectId)));
            return Results.Json(answers.Select(a => new { a.Question.Permission, a.Allowed, a.Code, a.Reason }));
        });
        await app.StartAsync();
        return new GatehouseProduct(app, baseUrl, gatehouse, trouble);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Trouble.Dispose();
    }
}
