using Gatehouse.Application.Invitations;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application.Accounts;

/// <summary>Registers the use cases of a person's own account, and accepting an invitation (which makes or joins an account).</summary>
public static class AccountServices
{
    /// <summary>Account changes, verification, and looking up and accepting invitations; the host adds Identity's core.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountChange>();
        services.AddScoped<VerificationMail>();
        services.AddScoped<ChangeProfileHandler>();
        services.AddScoped<ChooseTimeZoneHandler>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<ResetPasswordHandler>();
        services.AddScoped<SendVerificationEmailHandler>();
        services.AddScoped<RequestEmailChangeHandler>();
        services.AddScoped<VerifyEmailHandler>();
        services.AddScoped<NewAccountRules>();
        services.AddScoped<LookupInvitationHandler>();
        services.AddScoped<AcceptInvitationHandler>();
        return services;
    }
}
