using Gatehouse.Application.OidcClients;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.Platform;

/// <summary>The products that sign people in through Gatehouse (OpenID Connect clients), registered by platform operators (docs/oidc.md).</summary>
public static class OidcClientEndpoints
{
    /// <summary>The body of a registration.</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="Type"><c>public</c> or <c>confidential</c>.</param>
    /// <param name="RedirectUris">Exact redirect URIs.</param>
    /// <param name="PostLogoutRedirectUris">Exact post-logout redirect URIs.</param>
    /// <param name="ParRequired">Require pushed authorization requests.</param>
    /// <param name="FirstParty">The product's own app: no consent screen.</param>
    /// <param name="OrganizationId">For a confidential client: the organization it acts for with client credentials.</param>
    /// <param name="AllowedOrigins">Browser origins (scheme://host[:port]) allowed to call the token, userinfo and revocation endpoints (CORS);
    /// left out, a public client gets its redirect URIs' origins and a confidential client none.</param>
    public sealed record CreateOidcClientRequest(string? Name, string? Type, List<string>? RedirectUris, List<string>? PostLogoutRedirectUris,
        bool ParRequired = false, bool FirstParty = false, Guid? OrganizationId = null, List<string>? AllowedOrigins = null);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/platform/oidc-clients").WithTags("Platform").ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync)
            .WithName("createOidcClient")
            .WithSummary("Registers an OpenID Connect client (platform operators); a confidential client's secret is shown in this answer only.")
            .WithDescription("Redirect URIs are matched exactly and must be https (http only on a loopback host). Every client uses PKCE; "
                + "parRequired makes it push its authorization requests; firstParty skips the consent screen; organizationId lets a confidential client "
                + "get client credentials tokens acting for that organization; allowedOrigins are the browser origins whose scripts may call the token, "
                + "userinfo and revocation endpoints (CORS; by default a public client's redirect URI origins). Audited as oidc_client.created.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/", ListAsync)
            .WithName("listOidcClients")
            .WithSummary("Lists the registered OpenID Connect clients (platform operators), without secrets.")
            .WithDescription("Every registered client by name: client_id, type, exact redirect and post-logout URIs, and the PAR-required and first-party flags. "
                + "Secrets are never shown again; register a new client to get a new one.");
    }

    private static async Task<Results<Created<CreatedOidcClient>, ProblemHttpResult>> CreateAsync(CreateOidcClientRequest request, CreateOidcClientHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(),
            new CreateOidcClientCommand(request.Name, request.Type, request.RedirectUris, request.PostLogoutRedirectUris, request.ParRequired, request.FirstParty, request.OrganizationId,
                request.AllowedOrigins),
            context.RequestAborted);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/platform/oidc-clients/{result.Value.Client.ClientId}", result.Value)
            : result.Failure.ToProblem();
    }

    private static async Task<Results<Ok<List<OidcClientView>>, ProblemHttpResult>> ListAsync(ListOidcClientsHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Failure.ToProblem();
    }
}
