using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Audit;

/// <summary>Registers the audit log's use cases.</summary>
public static class AuditServices
{
    /// <summary>Adds the audit log's reads and export.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<ListAuditEventsHandler>();
        services.AddScoped<ListPlatformAuditEventsHandler>();
        services.AddScoped<ExportAuditEventsHandler>();
        return services;
    }
}
