using Gatehouse.Data;
using Gatehouse.Server.Email;
using Gatehouse.Server.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

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
    }

    /// <summary>Adds the provider's services; refuses a production start on an unencrypted key ring.</summary>
    public static void AddOidcProvider(this IServiceCollection services, GatehouseOptions options, IHostEnvironment environment)
    {
        services.AddSingleton<OidcKeyRing>();
        // Clients are registered (API, CLI) whether or not this node serves the provider's endpoints.
        var openIddict = services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<GatehouseDb>());
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
                server.SetJsonWebKeySetEndpointUris(Paths.Jwks);
                server.SetTokenEndpointUris(Paths.Token);
                server.AllowClientCredentialsFlow();
                server.SetAccessTokenLifetime(options.Oidc.AccessTokenLifetime);
                server.SetIdentityTokenLifetime(options.Oidc.IdentityTokenLifetime);
                server.SetRefreshTokenLifetime(options.Oidc.RefreshTokenLifetime);
                // Access tokens are signed JWTs a product's API can check against the JWKS, not encrypted for Gatehouse alone.
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (PublicUrlRule.IsLoopbackUrl(options.PublicUrl))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, OidcServerKeys>();
        services.AddHostedService<OidcKeyRotation>();
    }

    /// <summary>Hands the key ring's keys and the configured public URL (never a request's Host header) to OpenIddict.</summary>
    private sealed class OidcServerKeys(OidcKeyRing ring, PublicLinks links) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            options.Issuer = new Uri(links.BaseUrl + "/");
            var keys = ring.Current;
            options.SigningCredentials.AddRange(keys.Signing);
            options.EncryptionCredentials.AddRange(keys.Encryption);
        }
    }
}
