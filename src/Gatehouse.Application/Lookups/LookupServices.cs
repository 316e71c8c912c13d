using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Lookups;

/// <summary>Registers the lookups: where a user may do something, and who may do something somewhere.</summary>
public static class LookupServices
{
    /// <summary>
    /// Adds both lookups. Both read only the engine (names and emails included) and are singletons, as the checks are.
    /// </summary>
    public static IServiceCollection AddLookups(this IServiceCollection services)
    {
        services.AddSingleton<LookUpPlacesHandler>();
        services.AddSingleton<LookUpPeopleHandler>();
        return services;
    }
}
