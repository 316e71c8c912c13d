using Gatehouse.Core.Secrets;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// OpenIddict's application manager with client secrets stored as the rest of Gatehouse's generated secrets are (API keys,
/// invitation tokens): SHA-256, compared in constant time (<see cref="SecretToken"/>). OpenIddict's default is PBKDF2 with
/// 10,000 iterations, which protects secrets a person chose; Gatehouse never takes a chosen secret, it generates each one
/// with 256 random bits (<c>CreateOidcClientHandler</c>), and guessing those is out of reach whatever the hash. The
/// stretching cost about 3 ms of CPU on every token request a confidential client makes (docs/benchmarks.md, "OpenID Connect").
/// </summary>
/// <remarks>A secret stored in OpenIddict's own format before this (no <see cref="Prefix"/>) still verifies the old way.</remarks>
public sealed class OidcApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    /// <summary>Marks a secret stored as <see cref="SecretToken.Hash"/>.</summary>
    public const string Prefix = "sha256:";

    /// <inheritdoc/>
    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prefix + SecretToken.Hash(secret));

    /// <inheritdoc/>
    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        comparand.StartsWith(Prefix, StringComparison.Ordinal)
            ? ValueTask.FromResult(SecretToken.Matches(secret, comparand[Prefix.Length..]))
            : base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
}
