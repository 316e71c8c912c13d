namespace Gatehouse.Server.Oidc;

/// <summary>Maps the provider's passthrough endpoints (OpenIddict answers the others itself) when the provider is on.</summary>
public static class OidcEndpoints
{
    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.GatehouseOptions>>().Value.Oidc.Enabled)
        {
            return;
        }
        var connect = app.MapGroup("/").ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        connect.MapMethods("/" + OidcServerSetup.Paths.Authorize, ["GET", "POST"], (Delegate)((HttpContext http, AuthorizeEndpoint endpoint) => endpoint.HandleAsync(http)));
        connect.MapPost("/" + OidcServerSetup.Paths.Token, (Delegate)((HttpContext http, TokenEndpoint endpoint) => endpoint.HandleAsync(http)));
        connect.MapMethods("/" + OidcServerSetup.Paths.UserInfo, ["GET", "POST"], (Delegate)SessionEndpoints.UserInfoAsync);
        connect.MapMethods("/" + OidcServerSetup.Paths.EndSession, ["GET", "POST"], (Delegate)SessionEndpoints.EndSessionAsync);
    }
}
