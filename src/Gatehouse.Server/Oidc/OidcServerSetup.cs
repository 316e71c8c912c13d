using Gatehouse.Data;
using Gatehouse.Server.Email;
using Gatehouse.Server.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Server.Oidc;

/// <summary>Registers the OpenID Connect provider (OpenIddict's core on GatehouseDb and its server) when <c>Gatehouse:Oidc:Enabled</c>.</summary>
public static class OidcServerSetup
{
    /// <summary>What an operator reads when the provider would run in production on an unencrypted key ring.</summary>
    public const string UnencryptedKeyRingRefusal =
        "The OpenID Connect provider (Gatehouse:Oidc:Enabled) keeps its signing keys encrypted with the Data Protection key ring, and in production "
        + "that key ring must itself be encrypted, or anyone who reads the database could mint tokens. Set Gatehouse:KeyRing:CertificatePath "
        + "(see docs/accounts.md and docs/oidc.md), or turn the provider off.";

    /// <summary>The provider's endpoints, relative to the public URL.</summary>
    public static class Paths
    {
        /// <summary>Authorization endpoint.</summary>
        public const string Authorize = "connect/authorize";

        /// <summary>Token endpoint.</summary>
        public const string Token = "connect/token";

        /// <summary>JSON Web Key Set (the public signing keys).</summary>
        public const string Jwks = ".well-known/jwks";

        /// <summary>Pushed authorization requests (RFC 9126).</summary>
        public const string PushedAuthorization = "connect/par";

        /// <summary>Userinfo.</summary>
        public const string UserInfo = "connect/userinfo";

        /// <summary>RP-initiated logout.</summary>
        public const string EndSession = "connect/endsession";

        /// <summary>Token revocation (RFC 7009).</summary>
        public const string Revocation = "connect/revoke";

        /// <summary>Token introspection (RFC 7662).</summary>
        public const string Introspection = "connect/introspect";
    }

    /// <summary>Adds the provider's services; refuses a production start on an unencrypted key ring.</summary>
    public static void AddOidcProvider(this IServiceCollection services, GatehouseOptions options, IHostEnvironment environment)
    {
        services.AddSingleton<OidcKeyRing>();
        // Registrations are read from memory across requests (OpenIddict's own cache lives for one request).
        services.AddSingleton<OidcClientDirectory>();
        services.AddScoped<OpenIddict.Abstractions.IOpenIddictApplicationCache<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>, OidcApplicationCache>();
        services.AddSingleton<OidcOriginCache>();
        // Clients are registered (API, CLI) whether or not this node serves the provider's endpoints.
        var openIddict = services.AddOpenIddict().AddCore(core =>
        {
            core.UseEntityFrameworkCore().UseDbContext<GatehouseDb>();
            core.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, OidcApplicationManager>();
            core.ReplaceTokenStore<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken, OidcTokenStore>(ServiceLifetime.Scoped);
        });
        if (!options.Oidc.Enabled)
        {
            return;
        }
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.KeyRing.CertificatePath))
        {
            throw new StartupRefusedException(UnencryptedKeyRingRefusal);
        }
        openIddict.AddServer(server =>
            {
                server.SetJsonWebKeySetEndpointUris(Paths.Jwks)
                    .SetAuthorizationEndpointUris(Paths.Authorize)
                    .SetPushedAuthorizationEndpointUris(Paths.PushedAuthorization)
                    .SetTokenEndpointUris(Paths.Token)
                    .SetUserInfoEndpointUris(Paths.UserInfo)
                    .SetEndSessionEndpointUris(Paths.EndSession)
                    .SetRevocationEndpointUris(Paths.Revocation)
                    .SetIntrospectionEndpointUris(Paths.Introspection);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                // PKCE for every client, public or confidential; OidcServerKeys removes the 'plain' method, so S256 only.
                server.RequireProofKeyForCodeExchange();
                // Each refresh replaces the refresh token, and presenting a replaced one again revokes the whole chain (docs/oidc.md, "Two tabs").
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
                server.RegisterClaims(OidcClaims.Supported);
                OidcEventHandlers.Register(server);
                server.SetAccessTokenLifetime(options.Oidc.AccessTokenLifetime);
                server.SetIdentityTokenLifetime(options.Oidc.IdentityTokenLifetime);
                server.SetRefreshTokenLifetime(options.Oidc.RefreshTokenLifetime);
                // Access tokens are signed JWTs a product's API can check against the JWKS, not encrypted for Gatehouse alone.
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (PublicUrlRule.IsLoopbackUrl(options.PublicUrl))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        // The REST API accepts the provider's access tokens: OpenIddict validates them with the server's own keys and token entries.
        openIddict.AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.UseAspNetCore();
            // A revoked access token (RFC 7009, a replayed refresh token's chain, a deactivation) stops working at once.
            validation.EnableTokenEntryValidation();
            validation.AddEventHandler<OpenIddict.Validation.OpenIddictValidationEvents.ValidateTokenContext>(handler => handler.UseScopedHandler<AccessTokenEligibility>()
                .SetOrder(OpenIddict.Validation.OpenIddictValidationHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500));
        });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, OidcServerKeys>();
        services.AddSingleton<AuthorizationInteraction>();
        services.AddScoped<AuthorizeEndpoint>();
        services.AddScoped<TokenEndpoint>();
        services.AddHostedService<OidcKeyRotation>();
    }

    /// <summary>Hands the key ring's keys and the configured public URL (never a request's Host header) to OpenIddict.</summary>
    private sealed class OidcServerKeys(OidcKeyRing ring, PublicLinks links) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            options.Issuer = new Uri(links.BaseUrl + "/");
            // RFC 7636's 'plain' method sends the verifier itself: S256 only (OAuth 2.1).
            options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            var keys = ring.Current;
            // Access and ID tokens are signed with the RSA key, codes and refresh tokens with the HS256 key of the encryption key that
            // seals them (SealedTokenSigning); the HS256 keys are never published (OpenIddict's JWKS and discovery skip symmetric keys).
            options.SigningCredentials.AddRange(keys.Signing);
            options.SigningCredentials.AddRange(keys.Sealed);
            options.EncryptionCredentials.AddRange(keys.Encryption);
        }
    }
}
