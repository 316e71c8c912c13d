using Gatehouse.Application.Access;
using Gatehouse.Application.Seats;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;
using Gatehouse.Core.Secrets;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Invitations;

/// <summary>Which invitation to show: the token from its emailed link.</summary>
/// <param name="Token">The token.</param>
public sealed record LookupInvitationQuery(string? Token);

/// <summary>
/// What an invitation link offers, as the invitee sees it before deciding: the organization (and the access model's
/// words for it and its scopes), who invited, the access, the invited email and name, when it expires, whether an
/// account exists for that email, and why accepting would be refused now (null when it can be accepted).
/// </summary>
public sealed record InvitationOffer(
    Guid OrganizationId,
    string OrganizationName,
    string OrganizationLabel,
    ScopeKind? ScopeWords,
    string Email,
    string? FirstName,
    string? LastName,
    string InviterName,
    bool FullAccess,
    IReadOnlyList<InvitationGrantDto> Grants,
    InvitationStatus Status,
    DateTimeOffset ExpiresAt,
    Guid? AccountUserId,
    Failure? Refusal)
{
    /// <summary>True when an account with the invited email exists.</summary>
    public bool AccountExists => AccountUserId is not null;
}

/// <summary>
/// Shows an invitation by its emailed token, to anyone holding it (possession of the token proves the email address):
/// the offer, or why there is none (a malformed or unknown token). An offer that cannot be accepted now says why.
/// </summary>
public sealed class LookupInvitationHandler(GatehouseDb db, AccessCache cache, TimeProvider time)
{
    /// <summary>What the token's invitation offers, or why there is none.</summary>
    public async Task<Result<InvitationOffer>> HandleAsync(LookupInvitationQuery query, CancellationToken cancellationToken = default)
    {
        if (InvitationRefusals.ForMalformed(query.Token) is { } malformed)
        {
            return malformed;
        }
        var hash = SecretToken.Hash(query.Token!);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null
            || await cache.GetAsync(invitation.OrganizationId, cancellationToken) is not { } organization
            || await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == invitation.OrganizationId, cancellationToken) is not { } entity)
        {
            return InvitationRefusals.TokenInvalid;
        }
        var now = time.GetUtcNow();
        var accountUserId = await db.Users.Where(u => u.NormalizedEmail == invitation.NormalizedEmail).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var inviter = InvitationViews.Inviter(invitation, organization).Name;
        var status = invitation.StatusAt(now);
        var refusal = InvitationRefusals.ForStatus(status, invitation.ExpiresAt, inviter);
        if (refusal is null && accountUserId is { } userId && organization.FindMemberByUser(userId) is not null)
        {
            refusal = InvitationRefusals.AlreadyMember(invitation.Email, organization.Model.OrganizationLabel);
        }
        if (refusal is null)
        {
            var usage = await SeatCount.CountAsync(db, entity, organization.Model, now, cancellationToken);
            if (usage.CanTake(usage.SeatsForAcceptingInvitation).Error is { } noSeat)
            {
                refusal = Failure.From(noSeat, FailureKind.Conflict);
            }
        }
        return new InvitationOffer(entity.Id, entity.Name, organization.Model.OrganizationLabel, organization.Model.Scopes, invitation.Email,
            invitation.FirstName, invitation.LastName, inviter, invitation.FullAccess, InvitationViews.Grants(invitation.Grants, organization),
            status, invitation.ExpiresAt, accountUserId, refusal);
    }
}
