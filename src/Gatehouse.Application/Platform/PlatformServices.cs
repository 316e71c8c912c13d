using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Platform;

/// <summary>Registers the platform operators' use cases.</summary>
public static class PlatformServices
{
    /// <summary>Finding and erasing accounts, and completing setup.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddScoped<FindAccountHandler>();
        services.AddScoped<EraseAccountHandler>();
        services.AddScoped<CompleteSetupHandler>();
        services.AddScoped<OidcClients.CreateOidcClientHandler>();
        services.AddScoped<OidcClients.ListOidcClientsHandler>();
        return services;
    }
}
