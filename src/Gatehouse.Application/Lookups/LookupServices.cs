using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Lookups;

/// <summary>Registers the lookups: where a user may do something, and who may do something somewhere.</summary>
public static class LookupServices
{
    /// <summary>
    /// Adds both lookups. The places lookup reads only the engine and is a singleton, as the checks are; the people
    /// lookup reads names from the database and lives per request.
    /// </summary>
    public static IServiceCollection AddLookups(this IServiceCollection services)
    {
        services.AddSingleton<LookUpPlacesHandler>();
        services.AddScoped<LookUpPeopleHandler>();
        return services;
    }
}
