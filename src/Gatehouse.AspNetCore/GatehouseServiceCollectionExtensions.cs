using Gatehouse.AspNetCore.Access;
using Gatehouse.AspNetCore.Authorization;
using Gatehouse.AspNetCore.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Gatehouse in a product.</summary>
public static class GatehouseServiceCollectionExtensions
{
    /// <summary>
    /// Signs people in through Gatehouse (a cookie session plus OpenID Connect, both the defaults), keeps the session true
    /// (token refresh, sign-out of people Gatehouse no longer accepts), and answers <c>RequirePermission</c> and
    /// <see cref="Gatehouse.AspNetCore.IGatehouseAccess"/> with Gatehouse's batch checks. Map the sign-in, sign-out and
    /// organization switch endpoints with <c>app.MapGatehouse()</c>.
    /// </summary>
    public static AuthenticationBuilder AddGatehouse(this IServiceCollection services, Action<Gatehouse.AspNetCore.GatehouseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<Gatehouse.AspNetCore.GatehouseOptions>().Configure(configure)
            .Validate(o => o.Authority is { IsAbsoluteUri: true }, "Set GatehouseOptions.Authority to Gatehouse's absolute address.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Set GatehouseOptions.ClientId and ClientSecret (a confidential client registered with Gatehouse).")
            .Validate(o => o.CheckTimeout > TimeSpan.Zero && o.CacheFor >= TimeSpan.Zero && o.CacheSize >= 0, "CheckTimeout must be positive; CacheFor and CacheSize not negative.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(Gatehouse.AspNetCore.GatehouseDefaults.ApiHttpClient);
        services.AddHttpClient(Gatehouse.AspNetCore.GatehouseDefaults.OidcHttpClient);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<Gatehouse.AspNetCore.GatehouseOptions>>().Value;
            return new AnswerCache(options.CacheFor, options.CacheSize, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<TokenEndpoint>();
        services.TryAddSingleton<RefreshCoordinator>();
        services.TryAddScoped<SessionValidation>();
        services.TryAddScoped<Gatehouse.AspNetCore.IGatehouseSession, GatehouseSession>();
        services.TryAddScoped<Gatehouse.AspNetCore.IGatehouseAccess, GatehouseAccess>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionHandler>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, RefusalAnswer>());
        services.AddAuthorization();
        services.ConfigureOptions<SignInConfiguration>();
        return services.AddAuthentication(o =>
            {
                o.DefaultScheme = Gatehouse.AspNetCore.GatehouseDefaults.CookieScheme;
                o.DefaultChallengeScheme = Gatehouse.AspNetCore.GatehouseDefaults.OpenIdConnectScheme;
            })
            .AddCookie(Gatehouse.AspNetCore.GatehouseDefaults.CookieScheme, o => o.EventsType = typeof(SessionValidation))
            .AddOpenIdConnect(Gatehouse.AspNetCore.GatehouseDefaults.OpenIdConnectScheme, _ => { });
    }
}
