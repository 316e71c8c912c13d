using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// The tokens that are not written to the database, since nothing would ever read their entry:
/// <list type="bullet">
/// <item>ID tokens: a product reads them once at sign-in; they are never presented to revoke or introspect, and
/// <c>id_token_hint</c> is checked by signature.</item>
/// <item>Client credentials access tokens: signed JWTs that live the access-token lifetime (5 minutes by default) and name no
/// person, so no deactivation revokes them; a product's API checks them against the JWKS, and introspection still answers
/// for them (OpenIddict validates the JWT itself).</item>
/// </list>
/// A product's back end may ask for a token on every call, and every refresh issues an ID token: without this each would
/// write a row. Codes, refresh tokens and a person's access tokens keep their entries, so redemption, rotation, deactivation
/// and revocation reach them.
/// </summary>
public sealed class UnstoredTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    /// <summary>Runs after OpenIddict decided to store the token, just before it writes the entry.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<UnstoredTokens>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <inheritdoc/>
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.IsReferenceToken)
        {
            return ValueTask.CompletedTask;
        }
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.IdentityToken
            || (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken && context.Request?.IsClientCredentialsGrantType() == true))
        {
            context.CreateTokenEntry = false;
        }
        return ValueTask.CompletedTask;
    }
}
