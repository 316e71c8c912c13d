using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Checks;

/// <summary>Registers the access check use cases.</summary>
public static class CheckServices
{
    /// <summary>
    /// Adds check, batch check, explain and effective permissions. Singletons: they hold nothing but the access cache
    /// and the clock, and a check must not pay for a handler made per request.
    /// </summary>
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.AddSingleton<CheckAccessHandler>();
        services.AddSingleton<CheckAccessBatchHandler>();
        services.AddSingleton<ExplainAccessHandler>();
        services.AddSingleton<GetEffectivePermissionsHandler>();
        return services;
    }
}
