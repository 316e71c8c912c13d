using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatehouse.Application.OidcTokens;

/// <summary>
/// Ends what a person's sign-ins to products gave them in one organization: every authorization the provider recorded for
/// that organization and every token issued under it (refresh tokens first of all). Runs inside the change that deactivates or
/// removes the member, in the same transaction, so no refresh succeeds once that change is committed.
/// </summary>
public static class OidcTokenRevocation
{
    /// <summary>The property of an OpenIddict authorization that names the organization its tokens are for.</summary>
    public const string OrganizationProperty = "gatehouse_organization_id";

    /// <summary>How the organization is written in an authorization's properties (the JSON the store keeps).</summary>
    public static string Marker(Guid organizationId) => $"\"{OrganizationProperty}\":\"{organizationId:D}\"";

    /// <summary>Revokes the person's authorizations for the organization and their tokens; returns how many authorizations.</summary>
    public static async Task<int> RevokeAsync(GatehouseDb db, Guid userId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        var subject = userId.ToString("D");
        var marker = Marker(organizationId);
        var authorizations = db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject == subject && a.Properties != null && a.Properties.Contains(marker));
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization != null && authorizations.Select(a => a.Id).Contains(t.Authorization.Id) && t.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Statuses.Revoked), cancellationToken);
        return await authorizations.Where(a => a.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Statuses.Revoked), cancellationToken);
    }
}
