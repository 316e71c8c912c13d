using Gatehouse.Core.Invitations;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>Finds an invitation of an organization by id, for the use cases that act on one.</summary>
public static class InvitationLookup
{
    /// <summary>The invitation, or null.</summary>
    public static Task<Invitation?> FindAsync(GatehouseDb db, Guid organizationId, Guid invitationId, CancellationToken cancellationToken = default) =>
        db.Invitations.SingleOrDefaultAsync(i => i.OrganizationId == organizationId && i.Id == invitationId, cancellationToken);

    /// <summary>The failure for an unknown invitation.</summary>
    public static Failure NotFound(Guid invitationId) =>
        Failure.NotFound(InvitationCodes.NotFound, $"There is no invitation {invitationId} in this organization. List the invitations to find its id.");
}
