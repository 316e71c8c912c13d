using ConnectedWorkshop.Pages;
using Gatehouse.AspNetCore;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace ConnectedWorkshop;

/// <summary>The sample product: an ASP.NET Core app on Gatehouse's workshops preset, built on Gatehouse.AspNetCore.</summary>
public static class ConnectedWorkshopApp
{
    /// <summary>
    /// Builds the app from <paramref name="args"/> and configuration (<see cref="SampleSettings"/>); <paramref name="configure"/>
    /// runs before the settings are read (the tests add theirs there). It listens on its public URL.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ConnectedWorkshopApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        var settings = SampleSettings.From(builder.Configuration);
        builder.WebHost.UseUrls(settings.PublicUrl.GetLeftPart(UriPartial.Authority));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<PermissionLabels>();
        builder.Services.AddGatehouse(o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            // Plain http only for a Gatehouse on this machine (the two-command setup); anywhere else it must be https.
            o.RequireHttpsMetadata = !(settings.Authority.IsLoopback && settings.Authority.Scheme == Uri.UriSchemeHttp);
        });
        builder.Services.PostConfigure<OpenIdConnectOptions>(GatehouseDefaults.OpenIdConnectScheme, o => PublicAddresses(o, settings));
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                + $"frame-ancestors 'none'; form-action 'self' {settings.Authority.GetLeftPart(UriPartial.Authority)}";
            await next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGatehouse();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/site.css", () => Results.Text(Layout.Css, "text/css"));
        app.MapGet("/signed-out", Layout.SignedOut);
        app.MapGet("/", HomePage.ShowAsync).RequireAuthorization();
        app.MapGet("/workshops", WorkshopsPage.ShowAsync).RequireAuthorization();
        app.MapGet("/workshops/{workshopId:guid}", WorkshopPage.ShowAsync)
            .RequirePermission(Features.SeeWorkshop, ScopeFrom.Route("workshopId"));
        app.MapPost("/workshops/{workshopId:guid}/actions/{key}", WorkshopPage.ActAsync)
            .RequirePermission(Features.SeeWorkshop, ScopeFrom.Route("workshopId"));
    }

    // The return addresses Gatehouse sends the browser to come from the configured public URL, not from the request's Host.
    private static void PublicAddresses(OpenIdConnectOptions options, SampleSettings settings)
    {
        var signIn = options.Events.OnRedirectToIdentityProvider;
        var signOut = options.Events.OnRedirectToIdentityProviderForSignOut;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            context.ProtocolMessage.RedirectUri = new Uri(settings.PublicUrl, options.CallbackPath.Value!.TrimStart('/')).ToString();
            return signIn(context);
        };
        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            context.ProtocolMessage.PostLogoutRedirectUri = new Uri(settings.PublicUrl, options.SignedOutCallbackPath.Value!.TrimStart('/')).ToString();
            return signOut(context);
        };
    }
}
