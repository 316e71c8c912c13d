using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Signs what only Gatehouse reads (authorization codes, refresh tokens; PAR's request tokens too) with an HS256 key derived from
/// the encryption key that seals it (<see cref="OidcKeyRing"/>), instead of the RSA key OpenIddict uses for every token: an HMAC instead of an RSA
/// private-key operation on each code issued and each refresh. The signing key then also lives exactly as long as the
/// encryption key, as long as the refresh tokens it sealed; an RSA signing key is retired an hour after the access tokens
/// it signed expire, which left older refresh tokens with no key to check them.
/// </summary>
public sealed class SealedTokenSigning : IOpenIddictServerHandler<GenerateTokenContext>
{
    /// <summary>Right after OpenIddict picked its credentials for the token, before the token is made.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<SealedTokenSigning>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <inheritdoc/>
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        // OpenIddict puts symmetric signing keys first and signs with its first key: an access token, which products check against
        // the JWKS, must keep an RSA signature (ID tokens always do).
        if (context.TokenType == TokenTypeIdentifiers.AccessToken && context.SigningCredentials?.Key is SymmetricSecurityKey)
        {
            context.SigningCredentials = context.Options.SigningCredentials.First(c => c.Key is AsymmetricSecurityKey);
        }
        else if (context.TokenType is TokenTypeIdentifiers.Private.AuthorizationCode or TokenTypeIdentifiers.RefreshToken
            && context.EncryptionCredentials?.Key is SymmetricSecurityKey { KeyId: { } sealing }
            && context.Options.SigningCredentials.Find(c => c.Key.KeyId == sealing + OidcKeyRing.SealedKeySuffix) is { } sealedSigning)
        {
            context.SigningCredentials = sealedSigning;
        }
        return ValueTask.CompletedTask;
    }
}
