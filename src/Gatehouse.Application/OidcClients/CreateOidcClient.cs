using System.Security.Cryptography;
using Gatehouse.Application.Audit;
using System.Text.Json;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Application.OidcClients;

/// <summary>A product to register as an OpenID Connect client.</summary>
/// <param name="Name">Its display name.</param>
/// <param name="Type"><c>public</c> or <c>confidential</c>.</param>
/// <param name="RedirectUris">Exact redirect URIs (https, or http on a loopback host).</param>
/// <param name="PostLogoutRedirectUris">Exact post-logout redirect URIs; none when left out.</param>
/// <param name="ParRequired">Require pushed authorization requests.</param>
/// <param name="FirstParty">No consent screen.</param>
/// <param name="OrganizationId">For a confidential client: the organization it acts for as a service (client credentials); none means no client credentials tokens.</param>
/// <param name="AllowedOrigins">Browser origins allowed to call the token, userinfo and revocation endpoints (CORS); null means the default (<see cref="OidcClientOrigins"/>).</param>
public sealed record CreateOidcClientCommand(string? Name, string? Type, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? PostLogoutRedirectUris,
    bool ParRequired = false, bool FirstParty = false, Guid? OrganizationId = null, IReadOnlyList<string>? AllowedOrigins = null);

/// <summary>
/// Registers a client (platform operators only). The <c>client_id</c> and a confidential client's secret are generated
/// here; OpenIddict keeps only the secret's hash. The registration and its audit event are saved together.
/// </summary>
public sealed class CreateOidcClientHandler(IOpenIddictApplicationManager applications, GatehouseDb db, TimeProvider time)
{
    /// <summary>The new client with its secret, or why not; nothing is saved on a failure.</summary>
    public async Task<Result<CreatedOidcClient>> HandleAsync(Actor actor, Origin origin, CreateOidcClientCommand command, CancellationToken cancellationToken = default)
    {
        if (!actor.IsPlatformOperator)
        {
            return Failure.Forbidden(OidcClientCodes.PlatformOperatorRequired, "Only the product's platform operators register OpenID Connect clients. Ask product support.");
        }
        if (OidcClientRules.Problem(command) is { } problem)
        {
            return problem;
        }
        if (command.OrganizationId is { } organizationId && !await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return Failure.Invalid("organizationId", OidcClientCodes.ValidationFailed, $"There is no organization {organizationId}. Give the id of the organization this client acts for.");
        }
        var confidential = command.Type == ClientTypes.Confidential;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = "ghc_" + Token(16),
            ClientType = command.Type,
            ClientSecret = confidential ? "ghs_" + Token(32) : null,
            DisplayName = command.Name!.Trim(),
            ConsentType = command.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };
        foreach (var uri in command.RedirectUris!)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }
        foreach (var uri in command.PostLogoutRedirectUris ?? [])
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }
        if (command.OrganizationId is { } serviceOf)
        {
            descriptor.Properties[OidcClientRules.OrganizationProperty] = JsonSerializer.SerializeToElement(serviceOf.ToString("D"));
        }
        OidcClientOrigins.Store(descriptor, OidcClientOrigins.For(command));
        descriptor.Permissions.UnionWith(OidcClientRules.PermissionsFor(confidential));
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        if (command.ParRequired)
        {
            descriptor.Requirements.Add(OidcClientRules.PushedAuthorizationRequests);
        }
        var secret = descriptor.ClientSecret;
        var view = OidcClientRules.View(descriptor);
        // Added to the same unit of work OpenIddict saves the client with: both are stored, or neither.
        AuditLog.Record(db, null, actor, "oidc_client.created", "oidc_client", view.ClientId, null, view, time.ChangeTime(), origin.ClientAddress);
        await applications.CreateAsync(descriptor, cancellationToken);
        return new CreatedOidcClient(view, secret);
    }

    private static string Token(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
