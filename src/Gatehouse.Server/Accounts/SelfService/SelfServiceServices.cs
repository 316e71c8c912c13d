namespace Gatehouse.Server.Accounts.SelfService;

/// <summary>Registers the self-service account pages' services.</summary>
public static class SelfServiceServices
{
    /// <summary>The queue and worker of anonymous account emails.</summary>
    public static IServiceCollection AddSelfService(this IServiceCollection services)
    {
        services.AddSingleton<AccountEmailQueue>();
        services.AddHostedService<AccountEmailWorker>();
        return services;
    }
}
