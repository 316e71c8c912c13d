using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// A product asks for one organization with the <c>organization</c> parameter or an <c>org:{id}</c> scope. The scope names no
/// registered scope (there is one per organization), so it is moved to the parameter as the request is read, before OpenIddict
/// checks the scopes; at the pushed authorization endpoint too, so the pushed request keeps it as the parameter.
/// </summary>
public sealed class OrganizationScope : IOpenIddictServerHandler<ExtractAuthorizationRequestContext>, IOpenIddictServerHandler<ExtractPushedAuthorizationRequestContext>
{
    /// <summary>The authorization request parameter naming the organization.</summary>
    public const string Parameter = "organization";

    private const string Prefix = "org:";

    /// <inheritdoc/>
    public ValueTask HandleAsync(ExtractAuthorizationRequestContext context)
    {
        Move(context.Request);
        return default;
    }

    /// <inheritdoc/>
    public ValueTask HandleAsync(ExtractPushedAuthorizationRequestContext context)
    {
        Move(context.Request);
        return default;
    }

    private static void Move(OpenIddict.Abstractions.OpenIddictRequest? request)
    {
        if (request?.Scope is not { } scope || !scope.Contains(Prefix, StringComparison.Ordinal))
        {
            return;
        }
        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Only well-formed ones move: anything else stays and is refused as invalid_scope.
        var organizations = scopes.Where(s => s.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParse(s[Prefix.Length..], out _)).ToList();
        if (organizations.Count != 1 || !string.IsNullOrEmpty((string?)request[Parameter]))
        {
            return;
        }
        request[Parameter] = organizations[0][Prefix.Length..];
        request.Scope = string.Join(' ', scopes.Where(s => s != organizations[0]));
    }
}
