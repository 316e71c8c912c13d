using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Client credentials access tokens are not written to the database: they are signed JWTs that live the access-token lifetime
/// (5 minutes by default) and name no person, so there is no deactivation to revoke them for, and a product's API checks them
/// against the JWKS. Introspection still answers for them (OpenIddict validates the JWT itself). This keeps a product's back
/// end, which may ask for a token on every call, from writing a row per token. Every other token (codes, refresh tokens, a
/// person's access and ID tokens) keeps its entry, so deactivation and revocation reach it.
/// </summary>
public sealed class ServiceTokensUnstored : IOpenIddictServerHandler<GenerateTokenContext>
{
    /// <summary>Runs after OpenIddict decided to store the token, just before it writes the entry.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<ServiceTokensUnstored>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <inheritdoc/>
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken && !context.IsReferenceToken
            && context.Request?.IsClientCredentialsGrantType() == true)
        {
            context.CreateTokenEntry = false;
        }
        return ValueTask.CompletedTask;
    }
}
