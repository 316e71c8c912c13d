using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Gatehouse.Server.Oidc;

/// <summary>Gatehouse's handlers inside OpenIddict's request pipeline.</summary>
public static class OidcEventHandlers
{
    /// <summary>Adds them to the server.</summary>
    public static void Register(Microsoft.Extensions.DependencyInjection.OpenIddictServerBuilder server)
    {
        // Right after the host worked out the request's address, before OpenIddict matches it to an endpoint.
        server.AddEventHandler<ProcessRequestContext>(handler =>
            handler.UseSingletonHandler<PublicUrlRequests>().SetOrder(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 500));
        // After the host read the request, before the scopes are checked.
        server.AddEventHandler<ExtractAuthorizationRequestContext>(handler => handler.UseSingletonHandler<OrganizationScope>().SetOrder(int.MaxValue - 100_000));
        server.AddEventHandler<ExtractPushedAuthorizationRequestContext>(handler => handler.UseSingletonHandler<OrganizationScope>().SetOrder(int.MaxValue - 100_000));
        server.AddEventHandler(UnstoredTokens.Descriptor);
        server.AddEventHandler(SealedTokenSigning.Descriptor);
        server.AddEventHandler(SignInTransaction.BeginDescriptor);
        server.AddEventHandler(SignInTransaction.CommitDescriptor);
        server.AddEventHandler(SignInTransaction.DiscardDescriptor);
        // After OpenIddict validated the token and the caller.
        server.AddEventHandler<ValidateIntrospectionRequestContext>(handler =>
            handler.UseScopedHandler<IntrospectionEligibility>().SetOrder(Introspection.ValidateAuthorizedParty.Descriptor.Order + 1_000));
    }
}
