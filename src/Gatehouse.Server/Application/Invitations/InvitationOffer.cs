using Gatehouse.Core.Invitations;
using Gatehouse.Core.Model;
using Gatehouse.Server.Api;
using Gatehouse.Application.Invitations;

namespace Gatehouse.Server.Application.Invitations;

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
    InvitationRefusal? Refusal)
{
    /// <summary>True when an account with the invited email exists.</summary>
    public bool AccountExists => AccountUserId is not null;
}

/// <summary>The membership an accepted invitation made.</summary>
public sealed record AcceptedInvitation(Guid OrganizationId, Guid MemberId, Guid UserId, bool AccountCreated);

/// <summary>Accepting an invitation: the emailed token; for a new account the name and password.</summary>
/// <param name="Token">The token from the link.</param>
/// <param name="FirstName">A new account's first name (default: what the inviter typed).</param>
/// <param name="LastName">A new account's last name (default: what the inviter typed).</param>
/// <param name="Password">A new account's password.</param>
/// <param name="ExistingUserId">When the caller has proved who they are (signed in, or entered the account's password): the account they expect to join with.</param>
public sealed record AcceptInvitationRequest(string Token, string? FirstName = null, string? LastName = null, string? Password = null, Guid? ExistingUserId = null);
