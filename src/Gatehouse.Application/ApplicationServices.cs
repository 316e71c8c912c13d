using Gatehouse.Application.Access;
using Gatehouse.Application.Accounts;
using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Checks;
using Gatehouse.Application.Email;
using Gatehouse.Application.Invitations;
using Gatehouse.Application.Lookups;
using Gatehouse.Application.Members;
using Gatehouse.Application.Roles;
using Gatehouse.Application.Organizations;
using Gatehouse.Application.Platform;
using Gatehouse.Application.Scopes;
using Gatehouse.Application.Seats;
using Gatehouse.Application.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Application;

/// <summary>Registers the use cases and what they share; the host adds the store, the clock, the access engine and an <see cref="IEmailComposer"/>.</summary>
public static class ApplicationServices
{
    /// <summary>Adds the application layer.</summary>
    public static IServiceCollection AddGatehouseApplication(this IServiceCollection services)
    {
        services.AddSingleton<AccessCache>();
        services.AddSingleton<Organizations.OrganizationNames>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OrganizationWork>();
        services.AddScoped<OrganizationReads>();
        services.AddScoped<SendInvitationsHandler>();
        services.AddScoped<ResendInvitationHandler>();
        services.AddScoped<RevokeInvitationHandler>();
        services.AddScoped<ListInvitationsHandler>();
        services.AddScoped<ListOutboxHandler>();
        services.AddScoped<RetryOutboxMessageHandler>();
        services.AddScoped<ReadDevMailboxHandler>();
        services.AddScoped<Accounts.ReadMyAccountHandler>();
        services.AddScoped<ListApiKeysHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<IssueApiKeyForUserHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddScoped<CreateServiceAccountHandler>();
        services.AddScoped<ReadPermissionCatalogHandler>();
        services.AddScoped<ListRolesHandler>();
        services.AddScoped<CreateRoleHandler>();
        services.AddScoped<UpdateRoleHandler>();
        services.AddScoped<DeleteRoleHandler>();
        services.AddScoped<ListScopesHandler>();
        services.AddScoped<CreateScopeHandler>();
        services.AddScoped<RenameScopeHandler>();
        services.AddScoped<MoveScopeHandler>();
        services.AddScoped<UpdateScopeHandler>();
        services.AddScoped<DeleteScopeHandler>();
        services.AddScoped<CreateOrganizationHandler>();
        services.AddScoped<ListOrganizationsHandler>();
        services.AddScoped<GetOrganizationHandler>();
        services.AddScoped<UpdateOrganizationHandler>();
        services.AddScoped<GetSeatsHandler>();
        services.AddScoped<OidcTokens.TokenEligibility>();
        services.AddAudit();
        services.AddChecks();
        services.AddLookups();
        services.AddPlatform();
        services.AddAccounts();
        services.AddMembers();
        return services;
    }
}
