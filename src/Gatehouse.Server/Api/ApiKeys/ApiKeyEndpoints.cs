using Gatehouse.Application.ApiKeys;
using Gatehouse.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.Server.Api.ApiKeys;

/// <summary>API keys over REST: the caller's own keys, and service accounts that hold grants in one organization (the use cases are in Gatehouse.Application.ApiKeys).</summary>
public static class ApiKeyEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListAsync).WithName("listApiKeys")
            .WithSummary("List your API keys")
            .WithDescription("Lists the caller's own API keys: name, prefix, when each was created and last used; never the secret.");

        keys.MapPost("/", CreateAsync).WithName("createApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates an API key that acts with the caller's own rights; the secret is shown once.");

        keys.MapDelete("/{keyId:guid}", RevokeAsync).WithName("revokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes an API key at once: the caller's own, a service account's (for whoever may remove that service account), or any (platform operators).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/organizations/{organizationId:guid}/service-accounts", CreateServiceAccountAsync)
            .WithTags("API keys").WithName("createServiceAccount")
            .WithSummary("Create a service account")
            .WithDescription("Creates a service account holding grants in this organization, for a product's backend (checks, provisioning), and its first API key.")
            .ProducesManagementRefusals();
    }

    private static async Task<Ok<List<ApiKeyDto>>> ListAsync(ListApiKeysHandler handler, HttpContext context) =>
        TypedResults.Ok((await handler.HandleAsync(context.Actor(), context.RequestAborted)).Value);

    private static async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult>> CreateAsync(CreateApiKeyRequest request, CreateApiKeyHandler handler,
        HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), request, context.RequestAborted);
        return result.Succeeded ? TypedResults.Created($"/api/v1/api-keys/{result.Value.Id}", result.Value) : result.Failure.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid keyId, RevokeApiKeyHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), new RevokeApiKeyCommand(keyId), context.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : result.Failure.ToProblem();
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult>> CreateServiceAccountAsync(Guid organizationId,
        CreateServiceAccountRequest request, CreateServiceAccountHandler handler, HttpContext context)
    {
        var result = await handler.HandleAsync(context.Actor(), context.Origin(), organizationId, request, CancellationToken.None);
        return result.Succeeded ? TypedResults.Created($"/api/v1/api-keys/{result.Value.Id}", result.Value) : result.Failure.ToProblem();
    }
}
