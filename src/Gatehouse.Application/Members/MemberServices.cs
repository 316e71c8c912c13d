using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Members;

/// <summary>Registers the member use cases.</summary>
public static class MemberServices
{
    /// <summary>Adds the member handlers.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddScoped<GetMemberHandler>();
        services.AddScoped<ListMembersHandler>();
        services.AddScoped<ReplaceMemberAccessHandler>();
        services.AddScoped<AddMemberToScopeHandler>();
        services.AddScoped<AddMemberByEmailHandler>();
        services.AddScoped<RemoveMemberFromScopeHandler>();
        services.AddScoped<DeactivateMemberHandler>();
        services.AddScoped<ReactivateMemberHandler>();
        services.AddScoped<ChangeOwnershipHandler>();
        services.AddScoped<RemoveMemberHandler>();
        services.AddScoped<DeleteMemberAccountHandler>();
        services.AddScoped<ChangeMemberDetailsHandler>();
        services.AddScoped<ResendMemberVerificationHandler>();
        return services;
    }
}
