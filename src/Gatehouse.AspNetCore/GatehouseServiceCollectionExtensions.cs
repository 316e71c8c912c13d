using Gatehouse.AspNetCore.Access;
using Gatehouse.AspNetCore.Authorization;
using Gatehouse.AspNetCore.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore;

/// <summary>Registers Gatehouse in a product.</summary>
public static class GatehouseServiceCollectionExtensions
{
    /// <summary>
    /// Signs people in through Gatehouse (a cookie session plus OpenID Connect, both the defaults), keeps the session true
    /// (token refresh, sign-out of people Gatehouse no longer accepts), and answers <c>RequirePermission</c> and
    /// <see cref="IGatehouseAccess"/> with Gatehouse's batch checks. Map the sign-in, sign-out and
    /// organization switch endpoints with <c>app.MapGatehouse()</c>.
    /// </summary>
    public static AuthenticationBuilder AddGatehouse(this IServiceCollection services, Action<GatehouseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<GatehouseOptions>().Configure(configure)
            .Validate(o => o.Authority is { IsAbsoluteUri: true }, "Set GatehouseOptions.Authority to Gatehouse's absolute address.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Set GatehouseOptions.ClientId and ClientSecret (a confidential client registered with Gatehouse).")
            .Validate(o => o.CheckTimeout > TimeSpan.Zero && o.CacheFor >= TimeSpan.Zero && o.CacheSize >= 0, "CheckTimeout must be positive; CacheFor and CacheSize not negative.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        // The organization switch (MapGatehouse) is a form post that must carry the token of one of the product's pages.
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(GatehouseDefaults.ApiHttpClient);
        services.AddHttpClient(GatehouseDefaults.OidcHttpClient);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GatehouseOptions>>().Value;
            return new AnswerCache(options.CacheFor, options.CacheSize, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<TokenEndpoint>();
        services.TryAddSingleton<RefreshCoordinator>();
        services.TryAddScoped<SessionValidation>();
        services.TryAddScoped<IGatehouseSession, GatehouseSession>();
        services.TryAddScoped<IGatehouseAccess, GatehouseAccess>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionHandler>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, RefusalAnswer>());
        services.AddAuthorization();
        services.ConfigureOptions<SignInConfiguration>();
        return services.AddAuthentication(o =>
            {
                o.DefaultScheme = GatehouseDefaults.CookieScheme;
                o.DefaultChallengeScheme = GatehouseDefaults.OpenIdConnectScheme;
            })
            .AddCookie(GatehouseDefaults.CookieScheme, o => o.EventsType = typeof(SessionValidation))
            .AddOpenIdConnect(GatehouseDefaults.OpenIdConnectScheme, _ => { });
    }
}
