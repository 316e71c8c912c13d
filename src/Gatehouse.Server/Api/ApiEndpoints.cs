using Gatehouse.Server.Api.ApiKeys;
using Gatehouse.Server.Api.Audit;
using Gatehouse.Server.Api.Checks;
using Gatehouse.Server.Api.Invitations;
using Gatehouse.Server.Api.Lookups;
using Gatehouse.Server.Api.Members;
using Gatehouse.Server.Api.Organizations;
using Gatehouse.Server.Api.Platform;
using Gatehouse.Server.Api.Roles;

namespace Gatehouse.Server.Api;

/// <summary>Maps the REST API under <c>/api/v1</c>; every endpoint needs an API key (or a person's access token) unless it says otherwise.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps every group.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization()
            .AddEndpointFilter(Auth.AccessTokenRoutes.RefuseOutsideItsOrganizationAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        OrganizationEndpoints.Map(api);
        ScopeEndpoints.Map(api);
        MeEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        MemberEndpoints.Map(api);
        InvitationEndpoints.Map(api);
        RoleEndpoints.Map(api);
        CheckEndpoints.Map(api);
        LookupEndpoints.Map(api);
        AuditEndpoints.Map(api);
        PlatformEndpoints.Map(api);
        OidcClientEndpoints.Map(api);
        OutboxEndpoints.Map(api);
        DevMailboxEndpoints.Map(api);
    }
}
