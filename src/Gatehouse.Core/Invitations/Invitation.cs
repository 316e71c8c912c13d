using Gatehouse.Core.Errors;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;

namespace Gatehouse.Core.Invitations;

/// <summary>An offer of membership sent by email: pending → accepted / revoked / expired.</summary>
public sealed class Invitation
{
    private List<GrantSpec> _grants = [];

    private Invitation()
    {
        Email = string.Empty;
        NormalizedEmail = string.Empty;
        TokenHash = string.Empty;
    }

    private Invitation(Guid id, Guid organizationId, string email, IEnumerable<GrantSpec> grants, bool fullAccess, Guid invitedByMemberId, DateTimeOffset now, TimeSpan lifetime, string tokenHash,
        bool ownership)
    {
        Id = id;
        OrganizationId = organizationId;
        Email = email.Trim();
        NormalizedEmail = EmailAddress.Normalize(email);
        _grants = [.. grants.Distinct()];
        // An owner holds everything, so an offer of ownership is an offer of full access too.
        FullAccess = fullAccess || ownership;
        Ownership = ownership;
        InvitedByMemberId = invitedByMemberId;
        SentAt = now;
        ExpiresAt = now + lifetime;
        TokenHash = tokenHash;
        Status = InvitationStatus.Pending;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The organization the invitee is offered.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>Invitee email as typed.</summary>
    public string Email { get; private set; }

    /// <summary>Invitee email normalized.</summary>
    public string NormalizedEmail { get; private set; }

    /// <summary>Proposed grants.</summary>
    public IReadOnlyList<GrantSpec> Grants => _grants;

    /// <summary>Proposed full-access flag.</summary>
    public bool FullAccess { get; private set; }

    /// <summary>Whether accepting makes the invitee an owner (for example the first administrator of a new organization).</summary>
    public bool Ownership { get; private set; }

    /// <summary>The member who sent (or last resent) it.</summary>
    public Guid InvitedByMemberId { get; private set; }

    /// <summary>When it was (last) sent.</summary>
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>When the current link stops working.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The stored status; use <see cref="StatusAt"/> for the status including expiry.</summary>
    public InvitationStatus Status { get; private set; }

    /// <summary>SHA-256 of the current token; the plaintext is only ever in the email.</summary>
    public string TokenHash { get; private set; }

    /// <summary>How many times it was resent.</summary>
    public int ResendCount { get; private set; }

    /// <summary>When it was accepted or revoked.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The user who accepted it.</summary>
    public Guid? AcceptedByUserId { get; private set; }

    /// <summary>The invitee's first name as the inviter typed it, to prefill the account; null when not given.</summary>
    public string? FirstName { get; private set; }

    /// <summary>The invitee's last name as the inviter typed it; null when not given.</summary>
    public string? LastName { get; private set; }

    /// <summary>The invitee's contact phone as the inviter typed it; null when not given.</summary>
    public string? Phone { get; private set; }

    /// <summary>Records who the invitee is, as the inviter knows them, so accepting can prefill the new account.</summary>
    public void DescribeInvitee(string? firstName, string? lastName, string? phone)
    {
        FirstName = firstName;
        LastName = lastName;
        Phone = phone;
    }

    /// <summary>The scopes the invitation covers (organization-wide grants cover the organization).</summary>
    public IEnumerable<Guid?> Targets => _grants.Select(g => g.ScopeId).Distinct();

    /// <summary>Creates a pending invitation and its one-time token (returned only here, to be emailed).</summary>
    public static (Invitation Invitation, string Token) Create(Guid id, Guid organizationId, string email, IEnumerable<GrantSpec> grants, bool fullAccess, Guid invitedByMemberId, DateTimeOffset now, TimeSpan lifetime,
        bool ownership = false)
    {
        var (token, hash) = SecretToken.Create("ghi_");
        return (new Invitation(id, organizationId, email, grants, fullAccess, invitedByMemberId, now, lifetime, hash, ownership), token);
    }

    /// <summary>The status at a time: a pending invitation past its expiry is expired.</summary>
    public InvitationStatus StatusAt(DateTimeOffset now) =>
        Status == InvitationStatus.Pending && now >= ExpiresAt ? InvitationStatus.Expired : Status;

    /// <summary>True when the presented token is this invitation's current token.</summary>
    public bool HasToken(string token) => SecretToken.Matches(token, TokenHash);

    /// <summary>Accepts with the emailed token: single use, refused once expired, revoked, resent or used.</summary>
    public Result Accept(string token, Guid userId, DateTimeOffset now)
    {
        if (!HasToken(token))
        {
            return new Error(InvitationErrors.TokenInvalid, "This invitation link is not valid any more; it may have been resent. Use the newest email or ask for a new invitation.");
        }
        var refusal = RefuseUnlessPending(now, "accepted");
        if (refusal is not null)
        {
            return refusal;
        }
        Status = InvitationStatus.Accepted;
        AcceptedByUserId = userId;
        ClosedAt = now;
        return Result.Success;
    }

    /// <summary>Withdraws a pending or expired invitation; its link stops working.</summary>
    public Result Revoke(DateTimeOffset now)
    {
        if (Status is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return new Error("invitation_closed", $"This invitation was already {Status.ToString().ToLowerInvariant()}; there is nothing to revoke.");
        }
        Status = InvitationStatus.Revoked;
        ClosedAt = now;
        return Result.Success;
    }

    /// <summary>Sends again with a new token and a new expiry; the old token dies. Works for pending and expired invitations.</summary>
    public Result<string> Resend(Guid resentByMemberId, DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return new Error("invitation_closed", $"This invitation was already {Status.ToString().ToLowerInvariant()}; send a new invitation instead.");
        }
        var (token, hash) = SecretToken.Create("ghi_");
        TokenHash = hash;
        InvitedByMemberId = resentByMemberId;
        SentAt = now;
        ExpiresAt = now + lifetime;
        Status = InvitationStatus.Pending;
        ResendCount++;
        return token;
    }

    private Error? RefuseUnlessPending(DateTimeOffset now, string verb) => StatusAt(now) switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Expired => new Error(InvitationErrors.Expired, $"This invitation expired on {ExpiresAt:yyyy-MM-dd HH:mm} UTC and cannot be {verb}; ask the person who invited you to resend it."),
        InvitationStatus.Revoked => new Error(InvitationErrors.Revoked, $"This invitation was withdrawn and cannot be {verb}; ask the person who invited you for a new one."),
        _ => new Error(InvitationErrors.AlreadyUsed, "This invitation was already used; sign in with the account that accepted it."),
    };
}
