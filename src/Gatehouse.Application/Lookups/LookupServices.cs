using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Lookups;

/// <summary>Registers the lookups: where a user may do something, and who may do something somewhere.</summary>
public static class LookupServices
{
    /// <summary>
    /// Adds both lookups. Both read only the engine (the people lookup's names and emails included); the places lookup is a
    /// singleton, as the checks are, and the people lookup lives per request, as the organization reads it opens with.
    /// </summary>
    public static IServiceCollection AddLookups(this IServiceCollection services)
    {
        services.AddSingleton<LookUpPlacesHandler>();
        services.AddScoped<LookUpPeopleHandler>();
        return services;
    }
}
