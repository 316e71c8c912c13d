using System.Security.Claims;

namespace Gatehouse.AspNetCore;

/// <summary>Who is signed in and for which organization, read from the session's claims.</summary>
/// <param name="UserId">The person's Gatehouse user id (<c>sub</c>).</param>
/// <param name="OrganizationId">The organization the session is for (<c>org_id</c>): every check and API call is made there.</param>
/// <param name="OrganizationName">Its name (<c>org_name</c>).</param>
/// <param name="Name">The person's full name.</param>
/// <param name="Email">Their email, when the <c>email</c> scope was granted.</param>
/// <param name="Roles">The names of their roles in the organization (for display: permissions come from checks, never from roles).</param>
public sealed record GatehouseIdentity(Guid UserId, Guid OrganizationId, string OrganizationName, string Name, string? Email, IReadOnlyList<string> Roles);

/// <summary>Reads a Gatehouse session from a <see cref="ClaimsPrincipal"/>.</summary>
public static class GatehousePrincipalExtensions
{
    /// <summary>The Gatehouse identity of <paramref name="user"/>, or null when they are not signed in through Gatehouse.</summary>
    public static GatehouseIdentity? GetGatehouseIdentity(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(GatehouseClaimTypes.Subject), out var userId)
            || !Guid.TryParse(user.FindFirstValue(GatehouseClaimTypes.OrganizationId), out var organizationId))
        {
            return null;
        }
        return new GatehouseIdentity(userId, organizationId, user.FindFirstValue(GatehouseClaimTypes.OrganizationName) ?? "",
            user.FindFirstValue(GatehouseClaimTypes.Name) ?? "", user.FindFirstValue(GatehouseClaimTypes.Email),
            [.. user.FindAll(GatehouseClaimTypes.Role).Select(c => c.Value)]);
    }
}
